package com.leadhandoff.bench;

import com.leadhandoff.insights.Percentiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Collects the figures and writes docs/benchmarks.md from bench/benchmarks.template.md, whose
 * {{placeholders}} become tables. Every figure is the median over the repeats of one run.
 */
final class Report {

  static final double INTAKE_RATIO = 1.0;
  static final double E2E_RATE = 300;
  static final double E2E_API_P99_MS = 100;
  static final double E2E_VISIBLE_P99_MS = 1000;
  static final double TIMER_P99_MS = 1000;
  static final double TASKLIST_P99_MS = 50;
  static final double INSIGHT_MS = 1000;

  private final Benchmarks.Settings settings;
  private final Map<String, String> versions = new LinkedHashMap<>();
  private final List<String> intake = new ArrayList<>();
  private final List<String> intakeRuns = new ArrayList<>();
  private final List<String> endToEnd = new ArrayList<>();
  private final List<String> cost = new ArrayList<>();
  private final List<String> tasklist = new ArrayList<>();
  private final List<String> timers = new ArrayList<>();
  private final List<String> insight = new ArrayList<>();
  private final List<String> pgbench = new ArrayList<>();
  private final List<String> summary = new ArrayList<>();

  Report(Benchmarks.Settings settings) {
    this.settings = settings;
  }

  private final Map<String, String> settingsByDatabase = new LinkedHashMap<>();

  void settings(String db, Benchmarks.Settings own) {
    settingsByDatabase.put(db, settingsText(own));
  }

  void database(String name, String version) {
    versions.put(name, version);
  }

  void intake(String db, int clients, List<Load.Result> api, List<Load.Result> rest) {
    double apiRate = median(api, Load.Result::throughput);
    double restRate = median(rest, Load.Result::throughput);
    double ratio = apiRate / restRate;
    intake.add(row(db, clients, f0(apiRate), f1(median(api, Load.Result::p50)), f1(median(api, Load.Result::p99)),
        f0(restRate), f1(median(rest, Load.Result::p50)), f1(median(rest, Load.Result::p99)), f2(ratio),
        verdict(ratio >= INTAKE_RATIO), errors(api) + errors(rest)));
    for (int i = 0; i < Math.max(api.size(), rest.size()); i++) {
      intakeRuns.add(row(db, clients, i + 1, i < api.size() ? f0(api.get(i).throughput()) : "", i < rest.size() ? f0(rest.get(i).throughput()) : "",
          i < api.size() && i < rest.size() ? f2(api.get(i).throughput() / rest.get(i).throughput()) : ""));
    }
    if (clients == settings.clients().get(settings.clients().size() - 1)) {
      summary.add(row("Intake throughput, API / engine-rest start, " + clients + " clients, " + db, "≥ " + f1(INTAKE_RATIO), f2(ratio),
          verdict(ratio >= INTAKE_RATIO)));
    }
  }

  void endToEnd(String db, double rate, Load.Result api, Histogram visible, int neverSeen, double routedPerSecond) {
    double visibleP99 = visible.getTotalCount() == 0 ? Double.NaN : visible.getValueAtPercentile(99) / 1000.0;
    // sustained: answered at the rate, and every lead reached Tasklist
    boolean rateMet = api.throughput() >= rate * 0.98 && api.errors() == 0 && neverSeen == 0;
    endToEnd.add(row(db, f0(rate), f0(api.throughput()), api.requests(), api.errors(), f1(api.p50()), f1(api.p99()),
        f0(visible.getValueAtPercentile(50) / 1000.0), f0(visibleP99), f0(visible.getMaxValue() / 1000.0), neverSeen,
        f1(routedPerSecond)));
    if (db.equals("postgres")) {
      summary.add(row("End to end at 8 clients, " + db + ": sustained rate", "≥ " + f0(E2E_RATE) + " leads/s", f0(api.throughput()),
          verdict(rateMet)));
      summary.add(row("End to end, " + db + ": API p99", "≤ " + f0(E2E_API_P99_MS) + " ms", f1(api.p99()), verdict(api.p99() <= E2E_API_P99_MS)));
      summary.add(row("End to end, " + db + ": task visible p99 after the 201", "≤ " + f0(E2E_VISIBLE_P99_MS) + " ms", f0(visibleP99),
          verdict(visibleP99 <= E2E_VISIBLE_P99_MS && neverSeen == 0)));
    }
  }

  void cost(String db, Cost.Result lead, Cost.Result floor) {
    for (Cost.Result result : List.of(lead, floor)) {
      cost.add(row(db, result.what(), result.count(), result.errors(), f0(result.seconds()), f1(result.cpuMs()), f1(result.appMs()),
          f1(result.cpuMs() - result.appMs()), Double.isNaN(result.commits()) ? "–" : f1(result.commits()),
          Double.isNaN(result.rows()) ? "–" : f0(result.rows()), f0(result.ceiling())));
    }
  }

  void tasklist(String db, int open, int shown, List<Load.Result> lists, List<Load.Result> counts) {
    double p99 = median(lists, Load.Result::p99);
    tasklist.add(row(db, open, shown, f1(median(lists, Load.Result::p50)), f1(p99), f1(median(counts, Load.Result::p50)),
        f1(median(counts, Load.Result::p99)), errors(lists) + errors(counts)));
    summary.add(row("Tasklist team query, " + open + " open tasks, " + db + ": p99", "≤ " + f0(TASKLIST_P99_MS) + " ms", f1(p99),
        verdict(p99 <= TASKLIST_P99_MS)));
  }

  void timers(String db, Timers.Burst burst) {
    String when = burst.spreadSeconds() == 0 ? "all at one instant" : "evenly over " + f0(burst.spreadSeconds()) + " s";
    timers.add(row(db, burst.activity(), burst.timers(), when, f0(burst.millis(50)), f0(burst.millis(90)), f0(burst.millis(99)),
        f0(burst.lagMicros().getMaxValue() / 1000.0), f1(burst.drainSeconds()), f0(burst.perSecond()), burst.notFired()));
    summary.add(row("Timer lag p99, " + burst.timers() + " timers due " + when + ", " + db, "≤ " + f0(TIMER_P99_MS) + " ms",
        f0(burst.millis(99)), verdict(burst.millis(99) <= TIMER_P99_MS && burst.notFired() == 0)));
  }

  void insight(String db, int leads, List<Load.Result> heatmap, List<Load.Result> health) {
    double heat = median(heatmap, r -> r.millis(100));
    double healthy = median(health, r -> r.millis(100));
    insight.add(row(db, leads, f0(median(heatmap, Load.Result::p50)), f0(heat), f0(median(health, Load.Result::p50)), f0(healthy),
        errors(heatmap) + errors(health)));
    summary.add(row("Heatmap, " + leads + " leads in 30 days, " + db + ": slowest", "≤ " + f0(INSIGHT_MS) + " ms", f0(heat), verdict(heat <= INSIGHT_MS)));
    summary.add(row("Health, " + leads + " leads in 30 days, " + db + ": slowest", "≤ " + f0(INSIGHT_MS) + " ms", f0(healthy),
        verdict(healthy <= INSIGHT_MS)));
  }

  void pgbench(Pgbench.Reference reference) {
    if (reference.problem() != null) {
      pgbench.add("| " + reference.problem() + " | | |");
      return;
    }
    for (Pgbench.Run run : reference.runs()) {
      pgbench.add(row(run.clients(), f0(run.tps()), f2(run.latencyMs())));
    }
    pgbench.add("");
    pgbench.add(reference.version() + ", scale " + reference.scale() + ", " + reference.seconds() + " s per run.");
  }

  void write() throws Exception {
    String template = Files.readString(Path.of("bench", "benchmarks.template.md"), StandardCharsets.UTF_8);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
    values.put("command", settings.command());
    values.put("machine", Machine.describe());
    values.put("databases", String.join("\n", versions.entrySet().stream().map(e -> "- " + e.getKey() + ": " + e.getValue()).toList()));
    values.put("settings", String.join("\n", settingsByDatabase.entrySet().stream().map(e -> "- " + e.getKey() + ": " + e.getValue()).toList()));
    values.put("summary", table(List.of("Target", "Wanted", "Measured", ""), summary));
    values.put("intake", table(List.of("Database", "Clients", "API leads/s", "API p50 ms", "API p99 ms", "engine-rest starts/s",
        "engine-rest p50 ms", "engine-rest p99 ms", "Ratio", "", "Errors"), intake));
    values.put("intake-runs", table(List.of("Database", "Clients", "Repeat", "API leads/s", "engine-rest starts/s", "Ratio"), intakeRuns));
    values.put("e2e", table(List.of("Database", "Offered /s", "Answered /s", "Leads", "Errors", "API p50 ms", "API p99 ms",
        "Task visible p50 ms", "p99 ms", "max ms", "Never visible", "Routed /s"), endToEnd));
    values.put("cost", table(List.of("Database", "Each", "Sent", "Errors", "Until all done s", "Machine CPU ms each", "of it the application",
        "the rest (database, load generator)", "Commits each", "Rows written each", "Most per second on all cores"), cost));
    values.put("tasklist", table(List.of("Database", "Open team tasks", "Tasks on page", "List p50 ms", "List p99 ms", "Count p50 ms",
        "Count p99 ms", "Errors"), tasklist));
    values.put("timers", table(List.of("Database", "Timer", "Timers", "Due", "Lag p50 ms", "p90 ms", "p99 ms", "max ms",
        "Last fired after s", "Fired /s", "Not fired"), timers));
    values.put("insight", table(List.of("Database", "Leads in window", "Heatmap p50 ms", "Heatmap slowest ms", "Health p50 ms",
        "Health slowest ms", "Errors"), insight));
    values.put("pgbench", table(List.of("Clients", "Transactions/s", "Latency avg ms"), pgbench));
    String text = template;
    for (var value : values.entrySet()) {
      text = text.replace("{{" + value.getKey() + "}}", value.getValue());
    }
    Files.writeString(settings.output(), text, StandardCharsets.UTF_8);
  }

  private static String settingsText(Benchmarks.Settings settings) {
    return "scenarios " + String.join(", ", settings.scenarios())
        + "; clients " + settings.clients() + "; " + settings.repeats() + " repeats; intake runs " + settings.warmup().toSeconds()
        + " s warm-up + " + settings.measure().toSeconds() + " s measured; " + settings.waiting() + " waiting leads; "
        + settings.queries() + " Tasklist queries per repeat (at most " + Benchmarks.QUERY_TIME.toSeconds() + " s); " + settings.spreadTimers()
        + " spread timers at " + f0(settings.timerSpreadRate()) + "/s; end to end "
        + f0(settings.e2eRate()) + " leads/s for " + settings.e2eDuration().toSeconds() + " s; " + settings.history()
        + " historic leads, " + settings.insightQueries() + " insight queries per repeat";
  }

  static double median(List<Load.Result> results, ToDoubleFunction<Load.Result> figure) {
    Double median = Percentiles.of(results.stream().map(figure::applyAsDouble).toList(), 0.5);
    return median == null ? Double.NaN : median;
  }

  private static long errors(List<Load.Result> results) {
    return results.stream().mapToLong(Load.Result::errors).sum();
  }

  private static String table(List<String> header, List<String> rows) {
    if (rows.isEmpty()) {
      return "_Not run._";
    }
    return "| " + String.join(" | ", header) + " |\n|" + "---|".repeat(header.size()) + "\n" + String.join("\n", rows);
  }

  private static String row(Object... cells) {
    return "| " + String.join(" | ", Arrays.stream(cells).map(String::valueOf).toList()) + " |";
  }

  private static String verdict(boolean met) {
    return met ? "met" : "**missed**";
  }

  static String f0(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }

  static String f1(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  static String f2(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
