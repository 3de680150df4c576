package com.leadhandoff.operations;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Source systems posting leads without pause to one or more nodes, each lead with its own external
 * id and phone number (one in ten with a broken email address), remembering what each caller was
 * told: created (a 201 and an id), refused (any other answer) or nothing (the connection failed,
 * the caller cannot know).
 */
final class LoadGenerator implements AutoCloseable {

  enum Outcome { CREATED, REFUSED, UNKNOWN }

  record Sent(String externalId, Outcome outcome, int status, String leadId) {}

  private final Map<String, Sent> sent = new ConcurrentHashMap<>();
  private final Set<Integer> statuses = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger sequence = new AtomicInteger();
  private final ExecutorService clients;
  private final String run;

  LoadGenerator(String run, List<AppNode> nodes, int clientsPerNode, boolean emergencies) {
    this.run = run;
    this.clients = Executors.newFixedThreadPool(nodes.size() * clientsPerNode);
    for (AppNode node : nodes) {
      for (int i = 0; i < clientsPerNode; i++) {
        clients.submit(() -> {
          while (running.get()) {
            post(node, emergencies);
          }
        });
      }
    }
  }

  private void post(AppNode node, boolean emergency) {
    int n = sequence.incrementAndGet();
    String externalId = run + "-" + n;
    // Every tenth source sends a broken email address: it must be refused, and nothing of it kept.
    Map<String, Object> lead = new java.util.HashMap<>(Map.of("source", "web-form", "externalId", externalId, "fullName", "Load Test " + n,
        "phone", String.format("+1512%07d", 2_000_000 + n), "address", Map.of("postalCode", "78702"), "serviceType", "plumbing",
        "problem", emergency ? "Water is pouring through the ceiling" : "Kitchen sink drains slowly",
        "activeLoss", emergency, "consentToContact", true));
    if (n % 10 == 0) {
      lead.put("email", "load-test-" + n + "@@example");
    }
    try {
      var response = node.post("/api/leads", lead, AppNode.SOURCE, AppNode.SOURCE_PASSWORD);
      statuses.add(response.statusCode());
      if (response.statusCode() == 201) {
        sent.put(externalId, new Sent(externalId, Outcome.CREATED, 201, node.json(response).get("id").asText()));
      } else {
        sent.put(externalId, new Sent(externalId, Outcome.REFUSED, response.statusCode(), null));
      }
    } catch (IOException noAnswer) {
      sent.put(externalId, new Sent(externalId, Outcome.UNKNOWN, 0, null));
      pause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  long count(Outcome outcome) {
    return sent.values().stream().filter(s -> s.outcome() == outcome).count();
  }

  Map<String, Sent> sent() {
    return sent;
  }

  Set<Integer> statuses() {
    return statuses;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    clients.shutdown();
    clients.awaitTermination(60, TimeUnit.SECONDS);
  }
}
