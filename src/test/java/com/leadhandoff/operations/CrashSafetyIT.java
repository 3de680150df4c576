package com.leadhandoff.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadhandoff.TestDatabase;
import com.leadhandoff.operations.LoadGenerator.Outcome;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

/**
 * kill -9 in the middle of load, on PostgreSQL, with the packaged application: every lead a caller
 * was given a 201 for exists exactly once, no lead exists that a caller was told failed, every
 * captured lead still reaches its owner, and timers that fell due while the node was down fire
 * promptly after it is back.
 */
@ExtendWith(AppNode.StopAll.class)
class CrashSafetyIT {

  @Test
  void aNodeKilledMidLoadLosesNothingItConfirmedAndCatchesUpOnItsTimers() throws Exception {
    String url = TestDatabase.newDatabase("crash");
    AppNode node = AppNode.start("crash", url);

    LoadGenerator load = new LoadGenerator("crash-" + System.nanoTime(), List.of(node), 2, true);
    Map<String, Instant> dueWhileDown;
    try (Connection db = connect(url)) {
      Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> load.count(Outcome.CREATED) >= 150
          && count(db, "select count(*) from act_ru_job where handler_cfg_ like '%BoundaryEvent_LevelTimeUp%'") >= 20);
      node.kill();
      Thread.sleep(1000);
      load.close();
      dueWhileDown = timersDueIn(db, Duration.ofSeconds(-1), 20);
    }
    assertThat(dueWhileDown).as("leads waiting with a level timer when the node died").hasSize(20);

    node.start();
    Instant upAt = Instant.now();

    try (Connection db = connect(url)) {
      for (var sent : load.sent().values()) {
        int inquiries = count(db, "select count(*) from lh_inquiry where source = 'web-form' and external_id = ?", sent.externalId());
        switch (sent.outcome()) {
          case CREATED -> {
            assertThat(inquiries).as("lead %s got a 201", sent.externalId()).isEqualTo(1);
            assertThat(count(db, "select count(*) from lh_lead where id = ?", sent.leadId())).isEqualTo(1);
          }
          case REFUSED -> assertThat(inquiries).as("lead %s was refused with %s", sent.externalId(), sent.status()).isZero();
          case UNKNOWN -> assertThat(inquiries).as("lead %s had no answer: once or not at all", sent.externalId()).isLessThanOrEqualTo(1);
        }
      }
      assertThat(load.statuses()).as("no server error reached a caller").allMatch(status -> status < 500);
      assertThat(load.count(Outcome.REFUSED)).as("refusals were checked too").isGreaterThan(0);
      String waitingForRouting = "select count(*) from lh_lead l where not exists (select 1 from act_ru_task t where t.proc_inst_id_ = l.process_instance_id)";
      System.out.printf("crash test: %d leads, %d not yet routed when the node was back%n", count(db, "select count(*) from lh_lead"),
          count(db, waitingForRouting));
      Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> count(db, waitingForRouting) == 0);

      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
          dueWhileDown.keySet().stream().allMatch(pid -> escalations(db, pid) >= 1));
      Instant allFired = Instant.now();
      assertThat(Duration.between(upAt, allFired)).as("timers due while the node was down fire promptly after the restart")
          .isLessThan(Duration.ofSeconds(15));
      for (String pid : dueWhileDown.keySet()) {
        assertThat(escalations(db, pid)).as("lead %s climbed once", pid).isEqualTo(1);
      }
    }
    System.out.printf("crash test: %d created, %d refused (%s), %d without answer; %d overdue timers fired %d ms after the node was up%n",
        load.count(Outcome.CREATED), load.count(Outcome.REFUSED), load.statuses(), load.count(Outcome.UNKNOWN), dueWhileDown.size(),
        Duration.between(upAt, Instant.now()).toMillis());
  }

  /** Moves the level timers of some waiting leads to fall due at a moment (in the past: while the node is down); returns their process instances. */
  private static Map<String, Instant> timersDueIn(Connection db, Duration in, int limit) throws Exception {
    Map<String, Instant> due = new java.util.HashMap<>();
    Instant at = Instant.now().plus(in);
    try (var select = db.prepareStatement("select id_, process_instance_id_ from act_ru_job where handler_type_ = 'timer-transition' "
        + "and handler_cfg_ like '%BoundaryEvent_LevelTimeUp%' limit " + limit);
        var rows = select.executeQuery();
        var update = db.prepareStatement("update act_ru_job set duedate_ = ? where id_ = ?")) {
      while (rows.next()) {
        update.setTimestamp(1, Timestamp.from(at));
        update.setString(2, rows.getString(1));
        update.executeUpdate();
        due.put(rows.getString(2), at);
      }
    }
    return due;
  }

  static int escalations(Connection db, String processInstanceId) {
    return count(db, "select count(*) from lh_timeline where process_instance_id = ? and kind = 'ESCALATED'", processInstanceId);
  }

  /** The single number a query answers; parameters are bound in order (an array for {@code = any(?)}). */
  static int count(Connection db, String sql, Object... parameters) {
    try (var statement = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }


  static Connection connect(String url) throws Exception {
    return DriverManager.getConnection(url, "postgres", "postgres");
  }
}
