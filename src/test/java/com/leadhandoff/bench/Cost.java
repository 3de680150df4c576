package com.leadhandoff.bench;

import com.leadhandoff.operations.AppNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

/**
 * What one lead costs the machine, from its request to the end of everything it sets off (the
 * routing step, its task and timers, the notifications), against Camunda's floor: a process whose
 * asynchronous start event leads straight to one user task for a team, started over engine-rest
 * with the same variables. Both are sent by 8 clients on a quiet system and then left to the job
 * executor until no job is due; the machine's processor time over that span, the application
 * JVM's share of it and, on PostgreSQL, the commits and rows written are divided by the count.
 * The machine's cores divided by the processor time per lead are the most leads per second it
 * could capture and route, however the work were scheduled.
 */
final class Cost {

  /** Linux counts /proc/stat in USER_HZ ticks, 100 a second on every platform it runs on. */
  private static final double MILLIS_PER_TICK = 10;
  static final String FLOOR_PROCESS = "bench-floor";
  private static final String FLOOR_MODEL = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
          id="bench-floor-definitions" targetNamespace="http://leadhandoff.com/bench">
        <bpmn:process id="bench-floor" name="Camunda's floor: start, then one task" isExecutable="true" camunda:historyTimeToLive="1">
          <bpmn:startEvent id="start" camunda:asyncAfter="true" />
          <bpmn:sequenceFlow id="toTask" sourceRef="start" targetRef="task" />
          <bpmn:userTask id="task" name="Plain task" camunda:candidateGroups="intake" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  /** The cost of one kind of item, per item. */
  record Result(String what, long count, long errors, double seconds, double cpuMs, double appMs, double commits, double rows) {

    /** Items a second the machine's cores could carry at this processor time per item. */
    double ceiling() {
      return Runtime.getRuntime().availableProcessors() * 1000 / cpuMs;
    }
  }

  private record Usage(long busyTicks, long appNanos, long commits, long rows) {}

  private Cost() {
  }

  /** Deploys the floor process over engine-rest, as an administrator would. */
  static void deployFloor(Benchmarks bench) throws Exception {
    String boundary = "bench-" + UUID.randomUUID();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + FLOOR_PROCESS + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deploy-changed-only\"\r\n\r\ntrue\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + FLOOR_PROCESS + ".bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + FLOOR_MODEL + "\r\n--" + boundary + "--\r\n";
    var response = Benchmarks.send(bench.request("/engine-rest/deployment/create", AppNode.ADMIN, AppNode.ADMIN_PASSWORD)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Deploying the floor process answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** Sends {@code count} items from 8 clients, lets the job executor finish what they set off, and divides. */
  static Result measure(Benchmarks bench, Database database, ProcessHandle app, String what, int count, Load.Call call) throws Exception {
    bench.drain(Duration.ofMinutes(10));
    Usage before = usage(database, app);
    long start = System.nanoTime();
    Load.Result sent = sendAndDrain(bench, what, count, call);
    double seconds = (System.nanoTime() - start) / 1e9;
    // idle PostgreSQL sessions report their statistics within 10 s
    Thread.sleep(11_000);
    Usage after = usage(database, app);
    return new Result(what, sent.requests(), sent.errors(), seconds, (after.busyTicks - before.busyTicks) * MILLIS_PER_TICK / count,
        (after.appNanos - before.appNanos) / 1e6 / count, database.postgres() ? (after.commits - before.commits) / (double) count : Double.NaN,
        database.postgres() ? (after.rows - before.rows) / (double) count : Double.NaN);
  }

  /** Sends {@code count} items of fresh numbers from 8 clients and waits until no job they set off is due. */
  static Load.Result sendAndDrain(Benchmarks bench, String what, int count, Load.Call call) throws Exception {
    long first = Leads.reserve(count);
    Load.Result sent = Load.closedLoopCount(what, 8, count, n -> call.send(first + n));
    bench.drain(Duration.ofMinutes(15));
    return sent;
  }

  private static Usage usage(Database database, ProcessHandle app) throws Exception {
    long commits = 0;
    long rows = 0;
    if (database.postgres()) {
      try (Connection connection = database.connect(); var rs = connection.createStatement().executeQuery(
          "select xact_commit, tup_inserted + tup_updated + tup_deleted from pg_stat_database where datname = current_database()")) {
        rs.next();
        commits = rs.getLong(1);
        rows = rs.getLong(2);
      }
    }
    return new Usage(busyTicks(), app.info().totalCpuDuration().orElseThrow().toNanos(), commits, rows);
  }

  /** The machine's processor time so far, all cores, idle and waiting for the disk left out. */
  private static long busyTicks() throws Exception {
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long[] ticks = Arrays.stream(cpu).skip(1).limit(8).mapToLong(Long::parseLong).toArray();
    // user, nice, system, idle, iowait, irq, softirq, steal
    return ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7];
  }
}
