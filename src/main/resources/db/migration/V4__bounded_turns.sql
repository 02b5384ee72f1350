-- One turn, one transaction: each conversation carries a row version (optimistic locking), how many
-- messages and stored bytes it holds (the caps), and its compact triage state (encrypted under its key),
-- so that a turn reads its new message and not the whole conversation again.
alter table conversation add column row_version bigint default 0 not null;
alter table conversation add column message_count int;
alter table conversation add column stored_chars bigint;
alter table conversation add column triage_state varchar(1000000);

-- Two simultaneous turns of one conversation could write the same seq before this migration: number
-- every conversation's messages again in their stored order (seq, then id), so none is lost, and make
-- (conversation, seq) unique.
update conversation_message set seq = (
    select count(*) from conversation_message o
    where o.conversation_id = conversation_message.conversation_id
      and (o.seq < conversation_message.seq or (o.seq = conversation_message.seq and o.id < conversation_message.id)));
create unique index conversation_message_seq_uq on conversation_message (conversation_id, seq);

update conversation set message_count = (select count(*) from conversation_message m where m.conversation_id = conversation.id);
update conversation set stored_chars = (select coalesce(sum(length(m.text)), 0) from conversation_message m where m.conversation_id = conversation.id);
