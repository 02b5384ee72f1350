-- Each conversation's messages are encrypted under a key of its own; erasing the conversation destroys
-- the key, so no copy of the text elsewhere (pages, backups, logs) can be read again.
create table conversation_key (
    conversation_id  varchar(64) primary key references conversation (id) on delete cascade,
    wrapped_key      varchar(200) not null
);

-- What stays after a conversation is erased or expires: a text-free record for safety review.
create table triage_record (
    id                varchar(64) primary key,
    recorded_at       timestamp not null,
    level             varchar(16) not null,
    rule_ids          varchar(2000),
    rule_set_version  varchar(32),
    corpus_version    bigint,
    channel           varchar(32)
);
create index triage_record_time_idx on triage_record (recorded_at);

-- The interview a conversation is in (the questions asked and answers given are its messages).
alter table conversation add column interview_flow varchar(64);
alter table conversation add column interview_done boolean;
