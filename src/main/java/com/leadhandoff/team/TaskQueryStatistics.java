package com.leadhandoff.team;

import com.leadhandoff.DatabaseKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets PostgreSQL plan Tasklist's task query well. With authorizations on, Camunda joins the
 * task to the person's authorizations, whose permissions it tests with bit masks
 * ({@code PERMS_ & 64 = 64}). PostgreSQL cannot estimate those, guesses a few rows where every
 * task's own authorizations match (two per task), and joins every task with every one of them:
 * 3.7 s with 3,000 open tasks. With statistics on the masks the same query, written out by hand,
 * looks each task's authorizations up by their index instead: 31 ms. The engine's own queries, sent
 * with parameters, are still slow with thousands of open tasks (docs/benchmarks.md). Created on
 * start where missing.
 */
@Component
public class TaskQueryStatistics {

  private static final Logger log = LoggerFactory.getLogger(TaskQueryStatistics.class);

  /** READ (2), READ_TASK (64), READ_INSTANCE (512) and READ_HISTORY (4096): the masks Tasklist and Cockpit ask for. */
  static final String STATISTICS = "create statistics if not exists lh_st_authorization_perms"
      + " on (perms_ & 2), (perms_ & 64), (perms_ & 512), (perms_ & 4096) from act_ru_authorization";

  private final JdbcTemplate jdbc;

  public TaskQueryStatistics(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  public void create() {
    if (!DatabaseKind.postgres(jdbc)) {
      return;
    }
    try {
      jdbc.execute(STATISTICS);
      jdbc.execute("analyze act_ru_authorization");
    } catch (RuntimeException failed) {
      log.warn("Could not create statistics for the task query; Tasklist still works, more slowly with many open tasks", failed);
    }
  }
}
