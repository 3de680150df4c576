package com.leadhandoff.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Real HTTP against the running application, as a source system would call it. */
public final class ApiClient {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final int port;

  public ApiClient(int port) {
    this.port = port;
  }

  /** A response with its body read as JSON (null when the body is not JSON). */
  public record Answer(int status, String contentType, JsonNode body, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public Answer postJson(String path, Object body, String user) {
    try {
      return send(request(path, user).header("Content-Type", "application/json")
          .POST(BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body))).build());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Answer get(String path, String user) {
    return send(request(path, user).GET().build());
  }

  public HttpRequest.Builder request(String path, String user) {
    var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60));
    if (user != null) {
      builder.header("Authorization", basic(user, "demo"));
    }
    return builder;
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode body = null;
      try {
        body = response.body().isEmpty() ? null : JSON.readTree(response.body());
      } catch (IOException notJson) {
        body = null;
      }
      return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body, response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
