package com.leadhandoff.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Load from a fixed number of clients, timed with HdrHistogram in microseconds. Closed loop: each
 * client sends its next request when the last one answered, for the most a server gives. Paced:
 * requests are due at a fixed rate and each latency counts from when its request was due, so a
 * server that falls behind shows it (no coordinated omission).
 */
final class Load {

  /** One request; returns the HTTP status. The sequence number is unique across clients. */
  interface Call {
    int send(long sequence) throws Exception;
  }

  /** What one run measured: requests that completed inside the measured window. */
  record Result(String label, int clients, long requests, long errors, String firstError, double seconds, Histogram latency) {
    double throughput() {
      return requests / seconds;
    }

    double p50() {
      return millis(50);
    }

    double p99() {
      return millis(99);
    }

    double millis(double percentile) {
      return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

  private Load() {
  }

  /** Every client sends without pause for warm-up plus the measured time; only the measured time counts. */
  static Result closedLoop(String label, int clients, Duration warmup, Duration measure, Call call) throws Exception {
    AtomicLong sequence = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long measureTo = measureFrom + measure.toNanos();
    return run(label, clients, measure, client -> {
      Tally tally = new Tally(label);
      while (true) {
        long sent = System.nanoTime();
        if (sent >= measureTo) {
          break;
        }
        long n = sequence.incrementAndGet();
        int status = status(call, n);
        long answered = System.nanoTime();
        if (sent >= measureFrom && answered <= measureTo) {
          tally.add(status, answered - sent);
        }
      }
      return tally;
    });
  }

  /**
   * Requests due every 1/rate seconds for the duration, sent by a pool of clients; a client that
   * is free takes the next due request. Latency counts from the due time.
   */
  static Result paced(String label, int clients, double perSecond, Duration duration, Call call) throws Exception {
    AtomicLong sequence = new AtomicLong();
    long total = (long) (perSecond * duration.toMillis() / 1000.0);
    long interval = (long) (1_000_000_000L / perSecond);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    Result result = run(label, clients, duration, client -> {
      Tally tally = new Tally(label);
      for (long n = sequence.getAndIncrement(); n < total; n = sequence.getAndIncrement()) {
        long due = start + n * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        int status = status(call, n + 1);
        tally.add(status, System.nanoTime() - due);
      }
      return tally;
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(label, clients, result.requests(), result.errors(), result.firstError(), Math.max(seconds, duration.toMillis() / 1000.0),
        result.latency());
  }

  /** A fixed number of requests from a number of clients, each sending its next when the last answered. */
  static Result closedLoopCount(String label, int clients, long requests, Call call) throws Exception {
    AtomicLong sequence = new AtomicLong();
    long start = System.nanoTime();
    Result result = run(label, clients, Duration.ZERO, client -> {
      Tally tally = new Tally(label);
      for (long n = sequence.getAndIncrement(); n < requests; n = sequence.getAndIncrement()) {
        long sent = System.nanoTime();
        int status = status(call, n);
        tally.add(status, System.nanoTime() - sent);
      }
      return tally;
    });
    return new Result(label, clients, result.requests(), result.errors(), result.firstError(), (System.nanoTime() - start) / 1e9,
        result.latency());
  }

  /** Up to a number of requests, one after another from one client (for read latency), stopping after a time limit. */
  static Result sequential(String label, int warmupRequests, int requests, Duration limit, Call call) throws Exception {
    for (int i = 0; i < warmupRequests; i++) {
      status(call, i);
    }
    Tally tally = new Tally(label);
    long start = System.nanoTime();
    long end = start + limit.toNanos();
    for (int i = 0; i < requests && System.nanoTime() < end; i++) {
      long sent = System.nanoTime();
      int status = status(call, i);
      tally.add(status, System.nanoTime() - sent);
    }
    return tally.result(1, (System.nanoTime() - start) / 1e9);
  }

  /** One client's answers: the latency of each success, the failures and what the first one was. */
  private static final class Tally {
    private final String label;
    private final Histogram latency = new Histogram(MAX_MICROS, 3);
    private long ok;
    private long errors;
    private String firstError;

    Tally(String label) {
      this.label = label;
    }

    void add(int status, long nanos) {
      if (status >= 200 && status < 300) {
        latency.recordValue(Math.min(MAX_MICROS, Math.max(1, nanos / 1000)));
        ok++;
        return;
      }
      errors++;
      if (firstError == null) {
        firstError = label + ": " + (status < 0 ? "no answer (" + NO_ANSWER.get() + ")" : "HTTP " + status);
      }
    }

    /** Adds another client's answers; the first error kept is the earliest client's. */
    void add(Tally other) {
      latency.add(other.latency);
      ok += other.ok;
      errors += other.errors;
      if (firstError == null) {
        firstError = other.firstError;
      }
    }

    Result result(int clients, double seconds) {
      return new Result(label, clients, ok, errors, firstError, seconds, latency);
    }
  }

  private interface Client {
    Tally run(int client) throws Exception;
  }

  private static Result run(String label, int clients, Duration measure, Client work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Tally>> parts = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int client = i;
        parts.add(pool.submit(() -> work.run(client)));
      }
      Tally all = new Tally(label);
      for (Future<Tally> part : parts) {
        all.add(part.get());
      }
      return all.result(clients, measure.toMillis() / 1000.0);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Why this client's last request got no answer (each client is a thread of its own). */
  private static final ThreadLocal<String> NO_ANSWER = new ThreadLocal<>();

  private static int status(Call call, long sequence) {
    try {
      return call.send(sequence);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    } catch (Exception e) {
      NO_ANSWER.set(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return -1;
    }
  }
}
