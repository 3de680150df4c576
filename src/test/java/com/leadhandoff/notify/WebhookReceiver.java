package com.leadhandoff.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook endpoint on 127.0.0.1 that records what it is sent and answers with a status the test chooses. */
final class WebhookReceiver implements AutoCloseable {

  record Call(String idempotencyKey, String body) {}

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile int status = 200;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      calls.add(new Call(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  List<Call> calls() {
    return calls;
  }

  void answer(int status) {
    this.status = status;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
