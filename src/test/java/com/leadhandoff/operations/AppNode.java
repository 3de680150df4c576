package com.leadhandoff.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadhandoff.intake.ApiClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The packaged application (target/lead-handoff-*.jar) as its own JVM on PostgreSQL, the way an
 * operator runs it: postgres profile, connection from DATABASE_URL, an admin and an integration
 * account from the environment, a free loopback port. Its output goes to target/nodes/NAME.log.
 * The benchmarks start it with settings of their own ({@link #start(String, Map, List)}).
 */
public final class AppNode implements AutoCloseable {

  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "admin-secret";
  static final String SOURCE = "load-test";
  static final String SOURCE_PASSWORD = "load-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String name;
  private final Map<String, String> settings;
  private final List<String> jvmOptions;
  private Process process;
  private int port;
  private Path jar;

  private AppNode(String name, Map<String, String> settings, List<String> jvmOptions) {
    this.name = name;
    this.settings = settings;
    this.jvmOptions = jvmOptions;
  }

  private static final List<AppNode> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Stops every node the test class started, after its last test ({@code @ExtendWith(AppNode.StopAll.class)}). */
  static final class StopAll implements org.junit.jupiter.api.extension.AfterAllCallback {
    @Override
    public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) throws Exception {
      for (AppNode node : STARTED) {
        node.close();
      }
      STARTED.clear();
    }
  }

  static AppNode start(String name, String databaseUrl) throws Exception {
    var node = new AppNode(name, Map.of("SPRING_PROFILES_ACTIVE", "postgres", "DATABASE_URL", databaseUrl,
        "DATABASE_USER", "postgres", "DATABASE_PASSWORD", "postgres"), List.of("-Xmx512m"));
    STARTED.add(node);
    node.start();
    return node;
  }

  /**
   * Starts a node with these environment settings (profile, database) over the admin and
   * integration account above, and these JVM options. The caller closes it.
   */
  public static AppNode start(String name, Map<String, String> settings, List<String> jvmOptions) throws Exception {
    var node = new AppNode(name, settings, jvmOptions);
    node.start();
    return node;
  }

  /** Starts (or starts again, on the same port and NODE_ID, so as the same node) and returns once {@code /ready} says so. */
  void start() throws Exception {
    if (port == 0) {
      port = freePort();
    }
    Path log = Path.of("target", "nodes", name + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", (jar == null ? jar() : jar).toString()));
    var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(settings);
    builder.environment().putAll(Map.of(
        "SERVER_PORT", String.valueOf(port),
        "SERVER_ADDRESS", "127.0.0.1",
        "CAMUNDA_BPM_ADMINUSER_ID", ADMIN,
        "CAMUNDA_BPM_ADMINUSER_PASSWORD", ADMIN_PASSWORD,
        "LEADHANDOFF_SECURITY_INTEGRATIONACCOUNTS_0_ID", SOURCE,
        "LEADHANDOFF_SECURITY_INTEGRATIONACCOUNTS_0_PASSWORD", SOURCE_PASSWORD));
    builder.environment().put("LEADHANDOFF_SECURITY_INTEGRATIONACCOUNTS_0_NAME", "Load test");
    builder.environment().put("NODE_ID", name);
    process = builder.start();
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " stopped while starting; see " + log);
      }
      try {
        if (get("/ready", SOURCE, SOURCE_PASSWORD).statusCode() == 200) {
          return;
        }
      } catch (ConnectException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    process.destroyForcibly();
    throw new IllegalStateException(name + " did not start within 2 minutes; see " + log);
  }

  /** The application's operating-system process, for its processor time. */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** kill -9: no shutdown hooks, no graceful stop. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  String name() {
    return name;
  }

  /** This node's address of a path, on loopback. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Stops the node gracefully (SIGTERM), so a flight recording started with it is written. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  /** The next start runs this jar instead of the one the build packaged: another release of the application. */
  void release(Path otherJar) {
    this.jar = otherJar;
  }

  /** The packaged jar with some of its own files replaced, as a later release with changed files would be. */
  static Path packagedWith(Map<String, byte[]> replaced, Path into) throws IOException {
    try (var original = new java.util.zip.ZipFile(jar().toFile());
        var copy = new java.util.zip.ZipOutputStream(Files.newOutputStream(into))) {
      for (var entries = original.entries(); entries.hasMoreElements(); ) {
        var entry = entries.nextElement();
        byte[] content = replaced.get(entry.getName());
        if (content == null) {
          copy.putNextEntry(new java.util.zip.ZipEntry(entry));
          try (var in = original.getInputStream(entry)) {
            in.transferTo(copy);
          }
        } else {
          copy.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
          copy.write(content);
        }
        copy.closeEntry();
      }
    }
    return into;
  }


  HttpResponse<String> post(String path, Object body, String user, String password) throws IOException, InterruptedException {
    return send(request(path, user, password).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body))).build());
  }

  HttpResponse<String> put(String path, Object body, String user, String password) throws IOException, InterruptedException {
    return send(request(path, user, password).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
  }

  /** A multipart/form-data POST, as Camunda Modeler's deploy button and the routing API's clients send files. */
  HttpResponse<String> postParts(String path, String user, String password, ApiClient.Part... parts) throws IOException, InterruptedException {
    ApiClient.Multipart multipart = ApiClient.Multipart.of(parts);
    return send(request(path, user, password).header("Content-Type", multipart.contentType()).POST(multipart.publisher()).build());
  }

  /** Creates these people (password "ID-secret") in these groups, as an administrator does on a fresh install. */
  void staff(Map<String, List<String>> groupsByPerson) throws IOException, InterruptedException {
    for (var person : groupsByPerson.entrySet()) {
      var created = post("/engine-rest/user/create", Map.of("profile", Map.of("id", person.getKey(), "firstName", person.getKey(),
          "lastName", "Staff"), "credentials", Map.of("password", person.getKey() + "-secret")), ADMIN, ADMIN_PASSWORD);
      if (created.statusCode() != 204) {
        throw new IllegalStateException("Could not create " + person.getKey() + ": " + created.body());
      }
      for (String group : person.getValue()) {
        var member = put("/engine-rest/group/" + group + "/members/" + person.getKey(), Map.of(), ADMIN, ADMIN_PASSWORD);
        if (member.statusCode() != 204) {
          throw new IllegalStateException("Could not add " + person.getKey() + " to " + group + ": " + member.body());
        }
      }
    }
  }

  HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
    return send(request(path, user, password).GET().build());
  }

  JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  public HttpRequest.Builder request(String path, String user, String password) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static Path jar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("lead-handoff-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No packaged jar in target/: run ./mvnw verify, which packages before the integration tests"));
    }
  }

  public static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
