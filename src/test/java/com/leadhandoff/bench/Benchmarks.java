package com.leadhandoff.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadhandoff.operations.AppNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * The benchmarks behind docs/benchmarks.md: the packaged application on H2 and on PostgreSQL, each
 * database fresh, loaded over loopback only, every run bounded in time or requests. Run with
 * {@code bench/run} (see docs/benchmarks.md); settings are system properties {@code bench.*}.
 */
public final class Benchmarks {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final String BUSY_MEMBER = "csr";
  static final String BUSY_TEAM = "intake";
  /** The most time one repeat of a read scenario takes; fewer queries are timed if they are slow. */
  static final Duration QUERY_TIME = Duration.ofSeconds(40);
  /** Longest wait for the work a timer burst sets off: 10,000 reminders each deliver a notification. */
  static final Duration TIMER_DRAIN = Duration.ofMinutes(15);
  /** How far back the end-to-end watcher looks for new tasks. */
  static final Duration WATCH_WINDOW = Duration.ofSeconds(10);

  final Settings settings;
  final Report report;
  private AppNode node;
  private Database database;

  Benchmarks(Settings settings, Report report) {
    this.settings = settings;
    this.report = report;
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromSystemProperties(null);
    Report report = new Report(settings);
    for (String db : settings.databases()) {
      Settings own = Settings.fromSystemProperties(db);
      report.settings(db, own);
      new Benchmarks(own, report).on(db);
    }
    report.write();
    System.out.println("Wrote " + settings.output().toAbsolutePath());
    System.exit(0);
  }

  void on(String db) throws Exception {
    Path dir = Path.of("target", "bench", db);
    try (Database opened = Database.create(db, dir)) {
      database = opened;
      log("%s: %s", db, opened.version());
      report.database(db, opened.version());
      node = startNode(db, opened);
      try {
        if (settings.runs("tasklist") || settings.runs("timers")) {
          stageWaitingLeads();
        }
        if (settings.runs("tasklist")) {
          tasklist();
        }
        if (settings.runs("timers")) {
          timers();
        }
        if (settings.runs("insight")) {
          insight();
        }
        // these two leave thousands of leads to route: end to end first, on a quiet system, then intake, which measures only the API
        if (settings.runs("e2e")) {
          endToEnd();
        }
        if (settings.runs("cost")) {
          cost();
        }
        if (settings.runs("intake")) {
          intake();
        }
        report.write();
        if (settings.hold()) {
          Path go = Path.of("target", "bench", "go");
          log("%s: holding the application (%s) and %s until %s exists", db, node.uri("/"), opened.appSettings(), go);
          while (!java.nio.file.Files.exists(go)) {
            Thread.sleep(1000);
          }
          java.nio.file.Files.delete(go);
        }
      } finally {
        node.stop();
      }
      if (settings.runs("pgbench") && opened instanceof Database.Postgres postgres) {
        report.pgbench(Pgbench.run(postgres, settings));
        report.write();
      }
    }
  }

  private AppNode startNode(String db, Database opened) throws Exception {
    int smtp = AppNode.freePort();
    Map<String, String> env = new HashMap<>(opened.appSettings());
    // The demo profile brings the demo's people and two weeks of worked leads; its mailbox takes the notifications.
    env.put("SPRING_PROFILES_ACTIVE", opened.postgres() ? "default,postgres" : "default");
    env.put("SPRING_MAIL_PORT", String.valueOf(smtp));
    env.put("LEADHANDOFF_DEMO_MAILBOX_SMTPPORT", String.valueOf(smtp));
    env.put("LEADHANDOFF_INSIGHTS_WEEKLYREVIEWCRON", "-");
    List<String> jvm = new ArrayList<>(List.of("-Xms1g", "-Xmx2g"));
    if (settings.profile()) {
      jvm.add("-XX:StartFlightRecording=filename=target/bench/" + db + ".jfr,settings=profile,dumponexit=true");
    }
    log("%s: starting the application", db);
    return AppNode.start("bench-" + db, env, jvm);
  }

  // ---------------------------------------------------------------- waiting leads

  /** Posts leads until the busy team has the configured number of open tasks, then lets routing finish. */
  private void stageWaitingLeads() throws Exception {
    int wanted = settings.waiting();
    int open = openTeamTasks();
    log("%s: staging %d waiting leads (%d open)", database.name, wanted, open);
    while (open < wanted) {
      int missing = wanted - open;
      long first = Leads.reserve(missing);
      var posted = Load.closedLoopCount("stage", 8, missing, n -> postLead(first + n));
      if (posted.errors() > 0) {
        throw new IllegalStateException("Staging failed: " + posted.firstError());
      }
      drain(Duration.ofMinutes(10));
      open = openTeamTasks();
    }
    log("%s: %d open tasks for %s", database.name, open, BUSY_TEAM);
  }

  private int openTeamTasks() throws Exception {
    try (Connection connection = database.connect()) {
      return Database.count(connection, "select count(distinct t.id_) from act_ru_task t join act_ru_identitylink l on l.task_id_ = t.id_ "
          + "where l.group_id_ = ? and l.type_ = 'candidate'", BUSY_TEAM);
    }
  }

  // ---------------------------------------------------------------- tasklist

  private void tasklist() throws Exception {
    String filter = JSON.readTree(get("/engine-rest/filter?name=Team%20queue", AppNode.ADMIN, AppNode.ADMIN_PASSWORD).body())
        .get(0).get("id").asText();
    String body = JSON.writeValueAsString(Map.of(
        "sorting", List.of(Map.of("sortBy", "priority", "sortOrder", "desc"), Map.of("sortBy", "dueDate", "sortOrder", "asc")),
        "processVariables", List.of(), "taskVariables", List.of(), "caseInstanceVariables", List.of(), "orQueries", List.of()));
    int open = openTeamTasks();
    String listPath = "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15";
    String countPath = "/engine-rest/filter/" + filter + "/count";
    var first = send(post(listPath, body, BUSY_MEMBER, "demo").header("Accept", "application/hal+json").build());
    int shown = JSON.readTree(first.body()).path("_embedded").path("task").size();
    if (first.statusCode() != 200 || shown == 0) {
      throw new IllegalStateException("Tasklist query failed: " + first.statusCode() + " " + first.body());
    }
    List<Load.Result> lists = new ArrayList<>();
    List<Load.Result> counts = new ArrayList<>();
    for (int r = 0; r < settings.repeats(); r++) {
      lists.add(Load.sequential("list", 5, settings.queries(), QUERY_TIME, n -> send(post(listPath, body, BUSY_MEMBER, "demo")
          .header("Accept", "application/hal+json").build()).statusCode()));
      counts.add(Load.sequential("count", 5, settings.queries(), QUERY_TIME, n -> send(post(countPath, body, BUSY_MEMBER, "demo").build()).statusCode()));
    }
    report.tasklist(database.name, open, shown, lists, counts);
    log("%s: tasklist list p99 %.1f ms", database.name, Report.median(lists, Load.Result::p99));
  }

  // ---------------------------------------------------------------- timers

  /** Each burst starts on a quiet job executor: what the one before set off (reminders, deliveries) is done first. */
  private void timers() throws Exception {
    drain(TIMER_DRAIN);
    report.timers(database.name, Timers.burst(this, database, "BoundaryEvent_AcceptReminder", settings.waiting(), false));
    drain(TIMER_DRAIN);
    report.timers(database.name, Timers.burst(this, database, "BoundaryEvent_LevelTimeUp", settings.spreadTimers(), true));
    drain(TIMER_DRAIN);
  }

  // ---------------------------------------------------------------- intake

  /**
   * Both sides are measured on their request alone: the lead process's jobs are held (suspended)
   * while the intake runs, so that neither side shares the machine with routing the leads that
   * either side sent before it. The end-to-end and cost scenarios measure the routing.
   */
  private void intake() throws Exception {
    holdJobs(Leads.PROCESS, true);
    try {
      drain(Duration.ofMinutes(5));
      intakeSideBySide();
    } finally {
      holdJobs(Leads.PROCESS, false);
    }
  }

  /** Suspends (or activates) the jobs of a process, and the jobs it creates meanwhile, over engine-rest. */
  private void holdJobs(String processKey, boolean held) throws Exception {
    var response = send(request("/engine-rest/job-definition/suspended", AppNode.ADMIN, AppNode.ADMIN_PASSWORD)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
            Map.of("processDefinitionKey", processKey, "suspended", held, "includeJobs", true)))).build());
    if (response.statusCode() != 204) {
      throw new IllegalStateException("Could not " + (held ? "suspend" : "activate") + " the jobs of " + processKey + ": "
          + response.statusCode() + " " + response.body());
    }
  }

  private void intakeSideBySide() throws Exception {
    for (int clients : settings.clients()) {
      List<Load.Result> api = new ArrayList<>();
      List<Load.Result> rest = new ArrayList<>();
      for (int r = 0; r < settings.repeats(); r++) {
        boolean restFirst = r % 2 == 0;
        for (int side = 0; side < 2; side++) {
          boolean restNow = (side == 0) == restFirst;
          drain(Duration.ofSeconds(20));
          if (restNow) {
            rest.add(Load.closedLoop("engine-rest start", clients, settings.warmup(), settings.measure(),
                n -> startByEngineRest(Leads.PROCESS, Leads.next())));
          } else {
            api.add(Load.closedLoop("POST /api/leads", clients, settings.warmup(), settings.measure(), n -> postLead(Leads.next())));
          }
        }
      }
      report.intake(database.name, clients, api, rest);
      log("%s: intake %d clients: api %.0f/s, engine-rest %.0f/s", database.name, clients,
          Report.median(api, Load.Result::throughput), Report.median(rest, Load.Result::throughput));
    }
  }

  int postLead(long n) throws Exception {
    return checked(send(post("/api/leads", Leads.apiBody(n), AppNode.ADMIN, AppNode.ADMIN_PASSWORD).build()));
  }

  /** Starts the process with the variables of lead {@code n}, as a plain engine-rest client would. */
  private int startByEngineRest(String processKey, long n) throws Exception {
    return checked(send(post("/engine-rest/process-definition/key/" + processKey + "/start", Leads.engineRestBody(n, AppNode.ADMIN),
        AppNode.ADMIN, AppNode.ADMIN_PASSWORD).build()));
  }

  private final AtomicBoolean refusalShown = new AtomicBoolean();

  /** The status; the first refusal's answer is printed, so a broken run says why. */
  private int checked(HttpResponse<String> response) {
    if (response.statusCode() >= 300 && refusalShown.compareAndSet(false, true)) {
      log("%s %s answered %d: %s", response.request().method(), response.request().uri().getPath(), response.statusCode(), response.body());
    }
    return response.statusCode();
  }

  // ---------------------------------------------------------------- end to end

  /**
   * Leads posted at a fixed rate by 8 clients; a watcher reads the database every 50 ms for the
   * lead's first task (what Tasklist shows) and times it from the 201.
   */
  private void endToEnd() throws Exception {
    drain(Duration.ofSeconds(20));
    Map<String, Long> answered = new ConcurrentHashMap<>();
    Map<String, Long> seen = new ConcurrentHashMap<>();
    AtomicBoolean watching = new AtomicBoolean(true);
    Thread watcher = new Thread(() -> watch(answered, seen, watching), "task-watcher");
    watcher.start();
    Load.Result api;
    try {
      api = Load.paced("POST /api/leads", 8, settings.e2eRate(), settings.e2eDuration(), n -> {
        var response = send(post("/api/leads", Leads.apiBody(Leads.next()), AppNode.ADMIN, AppNode.ADMIN_PASSWORD).build());
        if (response.statusCode() == 201) {
          answered.put(JSON.readTree(response.body()).get("id").asText(), System.nanoTime());
        }
        return response.statusCode();
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (seen.size() < answered.size() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    } finally {
      watching.set(false);
      watcher.join();
    }
    Histogram visible = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    answered.forEach((lead, at) -> {
      Long when = seen.get(lead);
      if (when != null) {
        visible.recordValue(Math.max(1, (when - at) / 1000));
      }
    });
    // routing's own rate: the leads that reached Tasklist over the time from the first 201 to the last of them
    long firstAnswer = answered.values().stream().mapToLong(Long::longValue).min().orElse(0);
    long lastSeen = seen.values().stream().mapToLong(Long::longValue).max().orElse(firstAnswer);
    double routed = lastSeen > firstAnswer ? seen.size() / ((lastSeen - firstAnswer) / 1e9) : Double.NaN;
    report.endToEnd(database.name, settings.e2eRate(), api, visible, answered.size() - seen.size(), routed);
    log("%s: end to end %.0f/s, api p99 %.1f ms, visible p99 %.0f ms, routed %.1f/s", database.name, api.throughput(), api.p99(),
        visible.getValueAtPercentile(99) / 1000.0, routed);
  }

  /**
   * Reads the tasks created in the last few seconds (Camunda's index on the task's creation time),
   * so each poll costs what routing produced since the last one rather than a lookup of every lead
   * still waiting. The window covers the time between a task's creation and its transaction's commit.
   */
  private void watch(Map<String, Long> answered, Map<String, Long> seen, AtomicBoolean watching) {
    try (Connection connection = database.connect(); var statement = connection.prepareStatement("select e.business_key_ from act_ru_task t "
        + "join act_ru_execution e on e.id_ = t.proc_inst_id_ where t.create_time_ >= ?")) {
      while (watching.get()) {
        long polled = System.nanoTime();
        statement.setTimestamp(1, java.sql.Timestamp.from(Instant.now().minus(WATCH_WINDOW)));
        try (var rs = statement.executeQuery()) {
          while (rs.next()) {
            String lead = rs.getString(1);
            if (lead != null && answered.containsKey(lead)) {
              seen.putIfAbsent(lead, polled);
            }
          }
        }
        long rest = TimeUnit.MILLISECONDS.toNanos(50) - (System.nanoTime() - polled);
        if (rest > 0) {
          TimeUnit.NANOSECONDS.sleep(rest);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("The task watcher failed", e);
    }
  }

  // ---------------------------------------------------------------- cost per lead

  private void cost() throws Exception {
    Cost.deployFloor(this);
    int count = settings.costLeads();
    Load.Call plain = n -> startByEngineRest(Cost.FLOOR_PROCESS, n);
    // a tenth of each first, not counted, so neither is measured on code the JIT has not compiled yet
    Cost.sendAndDrain(this, "warm-up lead", count / 10, this::postLead);
    Cost.sendAndDrain(this, "warm-up plain", count / 10, plain);
    var lead = Cost.measure(this, database, node.handle(), "lead", count, this::postLead);
    var floor = Cost.measure(this, database, node.handle(), "plain Camunda start and task", count, plain);
    report.cost(database.name, lead, floor);
    log("%s: a lead costs %.1f ms of processor time (%.0f/s on all cores), plain Camunda %.1f ms (%.0f/s)", database.name, lead.cpuMs(),
        lead.ceiling(), floor.cpuMs(), floor.ceiling());
  }

  // ---------------------------------------------------------------- insight

  private void insight() throws Exception {
    drain(Duration.ofMinutes(5));
    int leads = HistoryCopies.fill(database, settings.history(), this::log);
    List<Load.Result> heatmap = new ArrayList<>();
    List<Load.Result> health = new ArrayList<>();
    for (int r = 0; r < settings.repeats(); r++) {
      heatmap.add(Load.sequential("heatmap", 1, settings.insightQueries(), QUERY_TIME,
          n -> send(request("/api/insights/heatmap?window=30d", "manager", "demo").GET().build()).statusCode()));
      health.add(Load.sequential("health", 1, settings.insightQueries(), QUERY_TIME,
          n -> send(request("/api/insights/health?window=30d", "manager", "demo").GET().build()).statusCode()));
    }
    report.insight(database.name, leads, heatmap, health);
    log("%s: heatmap p50 %.0f ms, health p50 %.0f ms over %d leads", database.name, Report.median(heatmap, Load.Result::p50),
        Report.median(health, Load.Result::p50), leads);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Waits until the job executor has no due job left (bounded). Reads the job table directly, with
   * the index the job executor uses: engine-rest's job count checks authorizations per job, and at
   * four counts a second it was among the busiest statements while the leads routed.
   */
  void drain(Duration atMost) throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    try (Connection connection = database.connect()) {
      while (System.nanoTime() < deadline) {
        int due = Database.count(connection, "select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1 "
            + "and (duedate_ is null or duedate_ <= ?)", java.sql.Timestamp.from(Instant.now()));
        if (due == 0) {
          Thread.sleep(500);
          return;
        }
        Thread.sleep(250);
      }
    }
    log("%s: jobs still due after %s", database.name, atMost);
  }

  /** The node's request, with a longer timeout: the slowest reads here take tens of seconds. */
  HttpRequest.Builder request(String path, String user, String password) {
    return node.request(path, user, password).timeout(Duration.ofSeconds(60));
  }

  HttpRequest.Builder post(String path, String body, String user, String password) {
    return request(path, user, password).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
  }

  HttpResponse<String> get(String path, String user, String password) throws Exception {
    return send(request(path, user, password).GET().build());
  }

  static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  void log(String format, Object... args) {
    System.out.printf("[bench %s] %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
  }

  /** The benchmark's settings: system properties bench.*, defaults for the documented run. */
  record Settings(List<String> databases, List<String> scenarios, List<Integer> clients, int repeats, Duration warmup,
      Duration measure, int waiting, int queries, int spreadTimers, double timerSpreadRate, double e2eRate, Duration e2eDuration, int costLeads,
      int history, int insightQueries,
      boolean profile, boolean hold, Path output, String command) {

    /**
     * For one database (null: the run as a whole): {@code bench.DB.NAME} before {@code bench.NAME}.
     * H2, the demo's single-node database, gets smaller defaults so one command stays bounded.
     */
    static Settings fromSystemProperties(String db) {
      boolean h2 = "h2".equals(db);
      Lookup get = (name, fallback) -> System.getProperty(db == null ? "bench." + name : "bench." + db + "." + name,
          System.getProperty("bench." + name, fallback));
      return new Settings(list(get.value("databases", "postgres,h2")),
          list(get.value("scenarios", h2 ? "intake,tasklist,timers,insight" : "intake,e2e,cost,tasklist,timers,insight,pgbench")),
          list(get.value("clients", "1,4,8")).stream().map(Integer::valueOf).toList(), Integer.parseInt(get.value("repeats", "3")),
          Duration.ofSeconds(Integer.parseInt(get.value("warmup", "3"))), Duration.ofSeconds(Integer.parseInt(get.value("seconds", "10"))),
          Integer.parseInt(get.value("waiting", h2 ? "2000" : "10000")), Integer.parseInt(get.value("queries", "200")),
          Integer.parseInt(get.value("timers.spread", "1000")), Double.parseDouble(get.value("timers.rate", "20")),
          Double.parseDouble(get.value("e2e.rate", "300")), Duration.ofSeconds(Integer.parseInt(get.value("e2e.seconds", "30"))),
          Integer.parseInt(get.value("cost.leads", "2000")),
          Integer.parseInt(get.value("history", h2 ? "20000" : "100000")), Integer.parseInt(get.value("insight.queries", "5")),
          Boolean.parseBoolean(get.value("profile", "false")), Boolean.parseBoolean(get.value("hold", "false")),
          Path.of(get.value("output", "docs/benchmarks.md")), get.value("command", "bench/run"));
    }

    private interface Lookup {
      String value(String name, String fallback);
    }

    boolean runs(String scenario) {
      return scenarios.contains(scenario);
    }

    private static List<String> list(String value) {
      return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

  }
}
