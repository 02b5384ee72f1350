-- One schema for H2 and PostgreSQL: only types and syntax both accept.

-- The corpus change sequence: every document change takes the next number under a row lock,
-- so numbers are handed out in commit order and each instance's index can follow them.
create table corpus_state (
    id          int primary key,
    change_seq  bigint not null
);
insert into corpus_state (id, change_seq) values (1, 0);

create table document (
    id            varchar(300) primary key,
    title         varchar(2000) not null,
    url           varchar(2000),
    source        varchar(1000),
    status        varchar(16) not null,
    reviewed_by   varchar(500),
    reviewed_on   varchar(32),
    topics        varchar(2000),
    origin        varchar(2000) not null,
    content_hash  varchar(64) not null,
    body          varchar(1000000) not null,
    change_seq    bigint not null,
    updated_at    timestamp not null
);
create index document_change_seq_idx on document (change_seq);
create index document_origin_idx on document (origin);

create table passage (
    id            varchar(340) primary key,
    document_id   varchar(300) not null references document (id) on delete cascade,
    ordinal       int not null,
    start_offset  int not null,
    end_offset    int not null,
    text          varchar(200000) not null,
    text_hash     varchar(64) not null,
    embedding     bytea
);
create index passage_document_idx on passage (document_id);

-- What each imported file looked like, so an unchanged file is not parsed again.
create table import_manifest (
    path          varchar(2000) primary key,
    size_bytes    bigint not null,
    modified_ms   bigint not null,
    content_hash  varchar(64) not null,
    imported_at   timestamp not null
);

create table conversation (
    id              varchar(64) primary key,
    created_at      timestamp not null,
    last_active_at  timestamp not null,
    channel         varchar(32),
    age             int,
    sex             varchar(16)
);
create index conversation_last_active_idx on conversation (last_active_at);

create table conversation_message (
    id               varchar(64) primary key,
    conversation_id  varchar(64) not null references conversation (id) on delete cascade,
    seq              int not null,
    role             varchar(16) not null,
    text             varchar(20000) not null,
    asks             varchar(200),
    created_at       timestamp not null
);
create index conversation_message_conv_idx on conversation_message (conversation_id, seq);
