package com.leadhandoff.cluster;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ready} for load balancers and rolling restarts: 503 until the node has finished
 * starting (teams, integration accounts and filters set up), then 200. No login needed, no data
 * shown beyond the node's name.
 */
@Hidden
@RestController
public class Readiness {

  private final AtomicBoolean ready = new AtomicBoolean();
  private final NodeIdentity node;

  public Readiness(NodeIdentity node) {
    this.node = node;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.LOWEST_PRECEDENCE)
  public void started() {
    ready.set(true);
  }

  @GetMapping("/ready")
  public ResponseEntity<Map<String, String>> ready() {
    return ready.get()
        ? ResponseEntity.ok(Map.of("status", "ready", "node", node.nodeId()))
        : ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "starting", "node", node.nodeId()));
  }
}
