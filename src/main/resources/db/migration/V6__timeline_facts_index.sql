-- Health and the weekly review read, for each lead of a period, its acceptance and contact entries.
-- With the kind first, H2 looked each lead's entries up by kind alone and read every entry of that
-- kind for every lead (more than ten minutes at 20,000 leads); the lead first serves both databases.
drop index ix_lh_timeline_kind;
create index ix_lh_timeline_process_kind on lh_timeline (process_instance_id, kind, happened_at);
