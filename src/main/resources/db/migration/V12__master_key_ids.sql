-- Master keys have ids: each wrapped conversation key records the master key that wraps it (old values,
-- "v1:", were wrapped by the one key there was, now called k0), and each master key's check value is kept,
-- so a start with a different key under a known id is refused instead of losing the conversations.
alter table conversation_key add column key_id varchar(64);
update conversation_key set key_id = 'k0' where key_id is null;
create index conversation_key_key_id_idx on conversation_key (key_id);

create table master_key_check (
    key_id       varchar(64) primary key,
    check_value  varchar(200) not null,
    created_at   timestamp not null
);

-- Age, sex and the interview flow move into one value encrypted under the conversation's key. The clear
-- columns stay until every row has moved (the service moves them as it starts, and on each turn) and hold
-- null after that.
alter table conversation add column health varchar(4000);
