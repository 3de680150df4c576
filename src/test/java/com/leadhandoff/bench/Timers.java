package com.leadhandoff.bench;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Escalation timers of the waiting leads made due in a burst: their due dates are moved, in the
 * database, to one instant a few seconds ahead (or spread evenly from it at a given rate), and the
 * lag of each is read from the engine's job log: when its successful run was logged minus when it
 * was due.
 */
final class Timers {

  /** One burst: how many timers of which step, over how many seconds, and their lag. */
  record Burst(String activity, int timers, double spreadSeconds, Histogram lagMicros, double drainSeconds, int notFired) {
    double millis(double percentile) {
      return lagMicros.getTotalCount() == 0 ? Double.NaN : lagMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    double perSecond() {
      return drainSeconds <= 0 ? Double.NaN : lagMicros.getTotalCount() / drainSeconds;
    }
  }

  private Timers() {
  }

  /** {@code spread}: due evenly at the configured rate, else all at one instant. */
  static Burst burst(Benchmarks bench, Database database, String activity, int count, boolean spread) throws Exception {
    List<String> jobs = new ArrayList<>();
    List<String> definitions = new ArrayList<>();
    try (Connection connection = database.connect()) {
      try (var statement = connection.prepareStatement("select id_ from act_ru_jobdef where act_id_ = ?")) {
        statement.setString(1, activity);
        try (var rs = statement.executeQuery()) {
          while (rs.next()) {
            definitions.add(rs.getString(1));
          }
        }
      }
      try (var statement = connection.prepareStatement("select j.id_ from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_ "
          + "where d.act_id_ = ? and j.lock_owner_ is null order by j.id_")) {
        statement.setString(1, activity);
        try (var rs = statement.executeQuery()) {
          while (rs.next() && jobs.size() < count) {
            jobs.add(rs.getString(1));
          }
        }
      }
      if (jobs.isEmpty()) {
        throw new IllegalStateException("No waiting " + activity + " timers");
      }
      double rate = bench.settings.timerSpreadRate();
      Instant first = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
      long stepNanos = spread ? (long) (1e9 / rate) : 0;
      Instant last = first.plusNanos(stepNanos * (jobs.size() - 1));
      connection.setAutoCommit(false);
      int moved = 0;
      try (var statement = connection.prepareStatement("update act_ru_job set duedate_ = ? where id_ = ? and lock_owner_ is null")) {
        for (int i = 0; i < jobs.size(); i++) {
          statement.setTimestamp(1, Timestamp.from(first.plusNanos(stepNanos * i).truncatedTo(ChronoUnit.MILLIS)));
          statement.setString(2, jobs.get(i));
          statement.addBatch();
        }
        // a job the executor took meanwhile keeps its own due date and is not waited for
        for (int updated : statement.executeBatch()) {
          moved += updated > 0 || updated == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0;
        }
      }
      connection.commit();
      connection.setAutoCommit(true);
      bench.log("%s: %d %s timers due %s", database.name, moved, activity,
          spread ? "from " + first + " at " + rate + "/s" : "at " + first);
      String in = String.join(",", definitions.stream().map(id -> "?").toList());
      String logged = "from act_hi_job_log where job_def_id_ in (" + in + ") and job_state_ = 2 and job_duedate_ >= ? and job_duedate_ <= ?";
      Timestamp from = Timestamp.from(first);
      Timestamp to = Timestamp.from(last.plusMillis(1));
      List<Object> parameters = new ArrayList<>(definitions);
      parameters.addAll(List.of(from, to));
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6) + Duration.between(Instant.now(), last).toNanos();
      int fired = 0;
      while (System.nanoTime() < deadline) {
        fired = Database.count(connection, "select count(*) " + logged, parameters.toArray());
        if (fired >= moved) {
          break;
        }
        Thread.sleep(500);
      }
      Histogram lag = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
      long lastFired = from.getTime();
      try (var statement = connection.prepareStatement("select job_duedate_, timestamp_ " + logged)) {
        for (int i = 0; i < parameters.size(); i++) {
          statement.setObject(i + 1, parameters.get(i));
        }
        try (var rs = statement.executeQuery()) {
          while (rs.next()) {
            Timestamp due = rs.getTimestamp(1);
            Timestamp done = rs.getTimestamp(2);
            long micros = ChronoUnit.MICROS.between(due.toInstant(), done.toInstant());
            lag.recordValue(Math.max(0, Math.min(lag.getHighestTrackableValue(), micros)));
            lastFired = Math.max(lastFired, done.getTime());
          }
        }
      }
      double drain = (lastFired - from.getTime()) / 1000.0;
      return new Burst(activity, moved, spread ? Duration.between(first, last).toMillis() / 1000.0 : 0, lag, drain,
          moved - (int) lag.getTotalCount());
    }
  }
}
