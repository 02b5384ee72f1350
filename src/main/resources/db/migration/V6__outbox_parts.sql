-- A reply some platforms take as several messages (text parts, then buttons): how many of them were sent, so a
-- retry after a refused later part sends only the rest and the person never gets a part twice.
alter table channel_outbox add column parts_sent integer default 0 not null;
