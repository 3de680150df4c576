package com.leadhandoff.bench;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Fills the database with historic leads for the insight benchmark: the worked leads the demo
 * profile leaves (two weeks of them), copied in SQL until the last 30 days hold the number wanted.
 * Each copy gets its own ids (the last 8 characters replaced by the copy's number) and moves back
 * in time by its share of 16 days, so the copies fill the 30-day window the way real history
 * would, every step, variable, task, timeline entry, kept fact row and decline included.
 */
final class HistoryCopies {

  /** A table, and how its rows belong to a sample lead (alias {@code t}; the sample is {@code s.id}). */
  private record Copied(String table, String join) {}

  private static final List<Copied> TABLES = List.of(
      new Copied("act_hi_procinst", "join lh_bench_sample s on s.id = t.proc_inst_id_"),
      new Copied("act_hi_actinst", "join lh_bench_sample s on s.id = t.proc_inst_id_"),
      new Copied("act_hi_varinst", "join lh_bench_sample s on s.id = t.proc_inst_id_"),
      new Copied("act_hi_taskinst", "join lh_bench_sample s on s.id = t.proc_inst_id_"),
      new Copied("lh_lead", "join lh_bench_sample s on s.id = t.process_instance_id"),
      new Copied("lh_inquiry", "join lh_lead sl on sl.id = t.lead_id join lh_bench_sample s on s.id = sl.process_instance_id"),
      new Copied("lh_timeline", "join lh_bench_sample s on s.id = t.process_instance_id"),
      new Copied("lh_lead_fact", "join lh_bench_sample s on s.id = t.process_instance_id"),
      new Copied("lh_decline", "join lh_bench_sample s on s.id = t.process_instance_id"));

  /** Columns naming a row of the copied lead: each copy gets its own. */
  private static final Set<String> OWN_IDS = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_", "execution_id_", "act_inst_id_",
      "parent_act_inst_id_", "task_id_", "call_proc_inst_id_", "parent_task_id_", "business_key_", "id", "lead_id",
      "process_instance_id", "split_from", "ladder_entry");
  private static final int COPIES_PER_STATEMENT = 50;
  private static final Duration SPREAD = Duration.ofDays(16);

  private HistoryCopies() {
  }

  /** Returns how many leads the last 30 days hold afterwards. */
  static int fill(Database database, int wanted, BiConsumer<String, Object[]> log) throws Exception {
    try (Connection connection = database.connect()) {
      int existing = leadsInWindow(connection);
      execute(connection, "create table lh_bench_sample (id varchar(64) not null primary key)");
      int sample = connection.createStatement().executeUpdate("insert into lh_bench_sample (id) select id_ from act_hi_procinst "
          + "where proc_def_key_ = 'lead-handoff' and end_time_ is not null");
      if (sample == 0) {
        throw new IllegalStateException("No worked leads to copy: the demo profile's history did not run");
      }
      int copies = Math.max(0, (int) Math.ceil((wanted - existing) / (double) sample));
      long step = copies == 0 ? 0 : SPREAD.toSeconds() / copies;
      log.accept("%s: copying %d worked leads %d times (%d leads already in the last 30 days)",
          new Object[] {database.name, sample, copies, existing});
      connection.setAutoCommit(false);
      for (Copied copied : TABLES) {
        String sql = insertCopies(connection, database, copied, step);
        for (int from = 1; from <= copies; from += COPIES_PER_STATEMENT) {
          try (var statement = connection.prepareStatement(sql)) {
            statement.setInt(1, from);
            statement.setInt(2, Math.min(copies, from + COPIES_PER_STATEMENT - 1));
            statement.executeUpdate();
          }
          connection.commit();
        }
      }
      connection.setAutoCommit(true);
      execute(connection, "drop table lh_bench_sample");
      // as after any bulk load: done here, not by autovacuum during the scenarios that follow
      execute(connection, database.postgres() ? "vacuum analyze" : "analyze");
      int total = leadsInWindow(connection);
      log.accept("%s: %d leads in the last 30 days", new Object[] {database.name, total});
      return total;
    }
  }

  private static String insertCopies(Connection connection, Database database, Copied copied, long stepSeconds) throws Exception {
    List<String> columns = new ArrayList<>();
    List<String> values = new ArrayList<>();
    DatabaseMetaData meta = connection.getMetaData();
    String table = database.postgres() ? copied.table() : copied.table().toUpperCase(Locale.ROOT);
    try (var rs = meta.getColumns(null, null, table, null)) {
      while (rs.next()) {
        String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
        int type = rs.getInt("DATA_TYPE");
        boolean text = type == Types.VARCHAR || type == Types.NVARCHAR || type == Types.CHAR;
        if (column.equals("id") && !text) {
          continue; // generated by the database
        }
        columns.add(column);
        String value = "t." + column;
        if (OWN_IDS.contains(column) && text) {
          value = "case when " + value + " is null then null else substr(" + value + ", 1, length(" + value + ") - 8) "
              + "|| lpad(cast(k.n as varchar), 7, '0') || 'z' end";
        } else if (column.equals("external_id")) {
          value = "case when " + value + " is null then null else " + value + " || '-' || cast(k.n as varchar) end";
        } else if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
          value = database.minusSeconds(value, "k.n * " + stepSeconds);
        }
        values.add(value);
      }
    }
    if (columns.isEmpty()) {
      throw new IllegalStateException("No table " + copied.table());
    }
    return "insert into " + copied.table() + " (" + String.join(", ", columns) + ") select " + String.join(", ", values)
        + " from " + copied.table() + " t " + copied.join() + " cross join " + database.numbers() + " k";
  }

  private static int leadsInWindow(Connection connection) throws Exception {
    return Database.count(connection, "select count(*) from act_hi_procinst where proc_def_key_ = 'lead-handoff' and start_time_ >= ?",
        Timestamp.from(Instant.now().minus(Duration.ofDays(30))));
  }

  private static void execute(Connection connection, String sql) throws Exception {
    try (var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
