package com.leadhandoff;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes on Camunda's own tables, for the job executor, Tasklist's queues and the insight queries. They are
 * created once the engine has created its schema (after our own Flyway migrations run), if
 * missing; both H2 and PostgreSQL know {@code create index if not exists}.
 */
@Component
public class EngineIndexes {

  private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

  static final String[] INDEXES = {
      // Tasklist's queues, most urgent first (priority, then due date): the database walks the open tasks in this order and
      // checks each one's authorizations only until it has a page, instead of checking every open task and then sorting
      "create index if not exists lh_ix_ru_task_urgency on act_ru_task (priority_ desc, due_date_ asc)",
      // the job executor takes due jobs oldest first (job-executor-acquire-by-due-date): it walks the jobs by due date and
      // stops at the first few it may take, instead of reading and sorting every job, every waiting lead's timers included
      "create index if not exists lh_ix_ru_job_due on act_ru_job (duedate_)",
      // the heatmap: one process's activity instances at its steps, in the order of its per-step, per-lead grouping,
      // with the period and the durations in the index so it is read alone (docs/benchmarks.md)
      "create index if not exists lh_ix_hi_actinst_steps on act_hi_actinst (proc_def_key_, act_id_, proc_inst_id_, start_time_, end_time_, duration_)",
      // health and the review: one process's leads captured in a period
      "create index if not exists lh_ix_hi_procinst_heat on act_hi_procinst (proc_def_key_, start_time_)"};

  /** Only where PostgreSQL can: the facts health and the review read per lead, kept small by naming only those rows. */
  static final String[] POSTGRES_INDEXES = {
      // the job executor skips jobs whose lead has a job running: it reads the locked jobs only, a handful, not every job
      "create index if not exists lh_ix_ru_job_locked on act_ru_job (process_instance_id_) where lock_owner_ is not null",
      "create index if not exists lh_ix_hi_varinst_facts on act_hi_varinst (name_, proc_inst_id_) include (text_, long_)"
          + " where name_ in ('source', 'leadClass', 'ownerGroup', 'acceptDue')",
      "create index if not exists lh_ix_timeline_facts on lh_timeline (kind, process_instance_id) include (happened_at, actor, id)"
          + " where kind in ('ACCEPTED', 'FIRST_CONTACT', 'CONTACT_ATTEMPT')"};

  /** Replaced by the ones above. */
  static final String[] DROPPED = {"drop index if exists lh_ix_hi_actinst_heat"};

  private final JdbcTemplate jdbc;

  public EngineIndexes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** On PostgreSQL concurrently, so a large history table is not locked against the engine's inserts while it builds. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  public void create() {
    boolean postgres = DatabaseKind.postgres(jdbc);
    List<String> statements = new ArrayList<>(List.of(INDEXES));
    if (postgres) {
      statements.addAll(List.of(POSTGRES_INDEXES));
    }
    statements.addAll(List.of(DROPPED));
    for (String index : statements) {
      try {
        jdbc.execute(postgres ? index.replace("create index if not exists", "create index concurrently if not exists")
            .replace("drop index if exists", "drop index concurrently if exists") : index);
      } catch (RuntimeException failed) {
        log.warn("Could not create index ({}); Tasklist and insights still work, more slowly", index, failed);
      }
    }
  }
}
