-- Insights: the weekly reviews as generated and sent, and an index for reading one kind of
-- timeline event (acceptances, first contacts) per lead.

-- One row per ISO week (2026-W47): the review as generated, and to whom it was mailed. The
-- primary key makes one node of a cluster the one that generates and mails it.
create table lh_weekly_review (
  week          varchar(8)       not null,
  generated_at  timestamp with time zone not null,
  html          varchar(2000000) not null,
  csv           varchar(2000000) not null,
  mailed_to     varchar(4000),
  constraint pk_lh_weekly_review primary key (week)
);

create index ix_lh_timeline_kind on lh_timeline (kind, process_instance_id, happened_at);
