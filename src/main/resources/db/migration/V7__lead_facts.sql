-- Health and the weekly review read a few facts of every lead in their window. Once a lead has
-- ended, those facts no longer change, so they are kept here in one row as it ends (written in the
-- transaction that ends it). Leads that ended before this table existed, or without the listener
-- (a cancellation that skipped listeners), are filled in at the next start. A lead without a row
-- is read from history as before; nothing depends on every lead having one.
create table lh_lead_fact (
  process_instance_id varchar(64)  not null,
  -- the capture time its source gave; null: it came in when its process started
  captured_at         timestamp with time zone,
  source              varchar(4000),
  lead_class          varchar(4000),
  owner_group         varchar(4000),
  accept_due          timestamp with time zone,
  -- the first acceptance and the first contact or contact attempt; null: none
  accepted_at         timestamp with time zone,
  accepted_by         varchar(200),
  contacted_at        timestamp with time zone,
  constraint pk_lh_lead_fact primary key (process_instance_id)
);
