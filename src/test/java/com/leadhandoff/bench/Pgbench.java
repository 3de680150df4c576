package com.leadhandoff.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's own PostgreSQL limit, for reading the other figures against: pgbench's built-in
 * simple-update transaction (three updates, one insert, one select, one commit) against the same
 * embedded server, same settings, with the application stopped.
 */
final class Pgbench {

  record Run(int clients, double tps, double latencyMs) {}

  record Reference(String version, int scale, int seconds, List<Run> runs, String problem) {}

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
  private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

  private Pgbench() {
  }

  static Reference run(Database.Postgres postgres, Benchmarks.Settings settings) throws Exception {
    int scale = 10;
    int seconds = (int) settings.measure().toSeconds();
    String version;
    try {
      version = pgbench(List.of("--version")).strip();
    } catch (IOException missing) {
      return new Reference(null, scale, seconds, List.of(), "pgbench is not installed (bench/run installs Debian's postgresql-client)");
    }
    String port = String.valueOf(postgres.port());
    pgbench(List.of("-i", "-q", "-s", String.valueOf(scale), "-h", "127.0.0.1", "-p", port, "-U", "postgres", "postgres"));
    List<Run> runs = new ArrayList<>();
    for (int clients : settings.clients()) {
      String out = pgbench(List.of("-n", "-b", "simple-update", "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)),
          "-T", String.valueOf(seconds), "-h", "127.0.0.1", "-p", port, "-U", "postgres", "postgres"));
      runs.add(new Run(clients, number(TPS, out), number(LATENCY, out)));
    }
    return new Reference(version, scale, seconds, runs, null);
  }

  private static double number(Pattern pattern, String output) {
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new IllegalStateException("Unexpected pgbench output: " + output);
    }
    return Double.parseDouble(matcher.group(1));
  }

  private static String pgbench(List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of("pgbench"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", "postgres");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("pgbench " + args + " failed: " + output);
    }
    return output;
  }
}
