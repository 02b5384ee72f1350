-- Drafts: an editor's changes to the published content, reviewed and evaluated before they become a release.
-- One schema for H2 and PostgreSQL: only types and syntax both accept.

create table content_draft (
    id            bigint primary key,
    author        varchar(200) not null,
    note          varchar(4000) not null,
    based_on      bigint not null references content_release (id),
    state         varchar(16) not null,
    created_at    timestamp not null,
    updated_at    timestamp not null,
    -- the reviewer's approval holds for the draft's content at that moment (its hash); an edit after it voids it
    approved_by   varchar(200),
    approved_at   timestamp,
    approved_hash varchar(64),
    release_id    bigint references content_release (id)
);

-- A draft's changed files: a new body, or none (null) for a file it removes.
create table content_draft_item (
    draft_id   bigint not null references content_draft (id),
    path       varchar(500) not null,
    body       varchar(4000000),
    primary key (draft_id, path)
);
