-- The content team's to-do list: questions the corpus could not answer, or answered without what was asked, and
-- the answers people voted on. Only redacted text is kept (names, phone numbers, e-mail and street addresses and
-- dates taken out), no conversation id in clear, and rows older than symptom.feedback.retention-days are deleted.
create table content_gap (
    id                varchar(64) primary key,
    created_at        timestamp not null,
    kind              varchar(16) not null,
    question          varchar(1000),
    reply             varchar(1000),
    comment_text      varchar(1000),
    conversation_ref  varchar(64),
    turn_seq          int,
    content_release   bigint,
    channel           varchar(32)
);
create index content_gap_time_idx on content_gap (created_at);
create index content_gap_turn_idx on content_gap (conversation_ref, turn_seq);
