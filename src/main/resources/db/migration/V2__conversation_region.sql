-- The region a conversation asked for (emergency number and crisis line), overriding channel and deployment.
alter table conversation add column region varchar(8);
