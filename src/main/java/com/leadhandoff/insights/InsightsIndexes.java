package com.leadhandoff.insights;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes on Camunda's history tables for the insight queries. They are created once the engine
 * has created its schema (after our own Flyway migrations run), if missing; both H2 and
 * PostgreSQL know {@code create index if not exists}.
 */
@Component
public class InsightsIndexes {

  private static final Logger log = LoggerFactory.getLogger(InsightsIndexes.class);

  static final String[] INDEXES = {
      // the heatmap: one process's activity instances started in a period
      "create index if not exists lh_ix_hi_actinst_heat on act_hi_actinst (proc_def_key_, start_time_, act_id_, proc_inst_id_, duration_, end_time_)",
      // health and the review: one process's leads captured in a period
      "create index if not exists lh_ix_hi_procinst_heat on act_hi_procinst (proc_def_key_, start_time_)"};

  private final JdbcTemplate jdbc;

  public InsightsIndexes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** On PostgreSQL concurrently, so a large history table is not locked against the engine's inserts while it builds. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  public void create() {
    boolean postgres = Boolean.TRUE.equals(jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Boolean>) connection ->
        connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")));
    for (String index : INDEXES) {
      try {
        jdbc.execute(postgres ? index.replace("create index if not exists", "create index concurrently if not exists") : index);
      } catch (RuntimeException failed) {
        log.warn("Could not create an insights index ({}); insights still work, more slowly", index, failed);
      }
    }
  }
}
