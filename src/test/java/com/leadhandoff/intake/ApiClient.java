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

  /** One part of a multipart/form-data body: a file when fileName is set, else a text field. */
  public record Part(String name, String fileName, byte[] content) {
    public static Part file(String name, String fileName, String content) {
      return new Part(name, fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    public static Part field(String name, String value) {
      return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A multipart/form-data body and the Content-Type that names its boundary. */
  public record Multipart(String contentType, byte[] body) {
    public static Multipart of(Part... parts) {
      String boundary = "----lead-handoff-" + java.util.UUID.randomUUID();
      var body = new java.io.ByteArrayOutputStream();
      for (Part part : parts) {
        String header = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
            + (part.fileName() == null ? "" : "; filename=\"" + part.fileName() + "\"\r\nContent-Type: application/octet-stream") + "\r\n\r\n";
        body.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(part.content());
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    public HttpRequest.BodyPublisher publisher() {
      return BodyPublishers.ofByteArray(body);
    }
  }

  /** A multipart/form-data POST, as a browser or Camunda Modeler sends files. */
  public Answer postMultipart(String path, String user, Part... parts) {
    Multipart multipart = Multipart.of(parts);
    return send(request(path, user).header("Content-Type", multipart.contentType()).POST(multipart.publisher()).build());
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
