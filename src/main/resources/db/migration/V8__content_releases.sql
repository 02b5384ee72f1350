-- Content releases: the prompts, guardrails and corpus files the service runs on, as immutable snapshots.
-- One schema for H2 and PostgreSQL: only types and syntax both accept.

-- Each distinct file body once, named by its SHA-256: a release that changes one rule shares every other body.
create table content_blob (
    hash        varchar(64) primary key,
    body        varchar(4000000) not null
);

-- A release: numbered from 1, never changed once written.
create table content_release (
    id            bigint primary key,
    author        varchar(200) not null,
    note          varchar(4000) not null,
    content_hash  varchar(64) not null,
    based_on      bigint,
    created_at    timestamp not null
);

-- The files of a release, by their path under the content root (prompts/..., guardrails/..., corpus/...).
create table content_item (
    release_id  bigint not null references content_release (id),
    path        varchar(500) not null,
    blob_hash   varchar(64) not null references content_blob (hash),
    primary key (release_id, path)
);

-- Which release every instance serves: one row, changed under its lock by a publish or a rollback.
create table content_state (
    id                    int primary key,
    published_release_id  bigint references content_release (id),
    published_at          timestamp,
    published_by          varchar(200),
    publish_seq           bigint not null
);
insert into content_state (id, published_release_id, published_at, published_by, publish_seq) values (1, null, null, null, 0);

-- Every turn's text-free record says which release answered it.
alter table triage_record add column content_release bigint;
