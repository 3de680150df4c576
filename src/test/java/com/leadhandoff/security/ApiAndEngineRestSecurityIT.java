package com.leadhandoff.security;

import com.leadhandoff.DemoApplicationTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.dto.task.TaskQueryDto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may call what, over real HTTP against the demo application (authorizations on): anonymous
 * callers get 401 everywhere, integration accounts can use the lead API and nothing else, and
 * the expression-injection path through task queries' orQueries is closed without breaking the
 * stored Tasklist filters.
 */
@DemoApplicationTest
public class ApiAndEngineRestSecurityIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** An expression an attacker would use to run code; here it only builds the string "dispatcher". */
  private static final String EXPRESSION = "${'dispatch'.concat('er')}";
  /** Wrong passwords lock an account for a while (Camunda's login throttling): they are tried on an account of their own. */
  public static final String WRONG_PASSWORD_PROBE = "wrong-password-probe";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired TaskService taskService;
  @Autowired FilterService filterService;
  String probeTask;

  @Autowired IdentityService identityService;

  @BeforeEach
  void anAccountForWrongPasswords() {
    createProbeAccount(identityService);
  }

  public static void createProbeAccount(IdentityService identityService) {
    if (identityService.createUserQuery().userId(WRONG_PASSWORD_PROBE).count() == 0) {
      var user = identityService.newUser(WRONG_PASSWORD_PROBE);
      user.setPassword("not-the-one-tried");
      identityService.saveUser(user);
      identityService.createMembership(WRONG_PASSWORD_PROBE, "integrations");
    }
  }

  @BeforeEach
  void aTaskAssignedToTheDispatcher() {
    var task = taskService.newTask();
    task.setName("Expression probe");
    task.setAssignee("dispatcher");
    taskService.saveTask(task);
    probeTask = task.getId();
  }

  @AfterEach
  void removeIt() {
    taskService.deleteTask(probeTask, true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/leads", "/api/leads/x", "/engine-rest/task", "/engine-rest/process-definition", "/engine-rest/deployment"})
  void anonymousCallersAreRefused(String path) throws Exception {
    assertThat(send(get(path).build()).statusCode()).isEqualTo(401);
    assertThat(send(get(path).header("Authorization", basic(WRONG_PASSWORD_PROBE, "wrong")).build()).statusCode()).isEqualTo(401);
  }

  @Test
  void anonymousApiCallsGetAProblemAndAChallenge() throws Exception {
    var response = send(post("/api/leads", "{}").build());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(401);
  }

  @Test
  void staffOutsideTheApiGroupsMayNotUseTheLeadApi() throws Exception {
    var response = send(get("/api/leads?phone=5125550199").header("Authorization", basic("dispatcher", "demo")).build());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("integrations");
  }

  @Test
  void integrationAccountsSeeNoTasksAndCannotDeployOrLogIntoTasklist() throws Exception {
    String website = basic("website", "demo");
    JsonNode tasks = JSON.readTree(send(get("/engine-rest/task").header("Authorization", website).build()).body());
    assertThat(tasks).isEmpty();
    assertThat(taskService.createTaskQuery().count()).as("there are tasks to see").isPositive();
    assertThat(JSON.readTree(send(get("/engine-rest/process-definition").header("Authorization", website).build()).body())).isEmpty();

    String boundary = "----leadhandoff";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nsneaky\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"x.bpmn\"\r\nContent-Type: text/xml\r\n\r\n"
        + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"x\"/>\r\n--" + boundary + "--\r\n";
    var deploy = send(HttpRequest.newBuilder(uri("/engine-rest/deployment/create")).header("Authorization", website)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(BodyPublishers.ofString(multipart)).build());
    assertThat(deploy.statusCode()).isEqualTo(403);

    var login = send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString("username=website&password=demo")).build());
    assertThat(login.statusCode()).isIn(401, 403);
  }

  /** Why the guard exists: the engine itself evaluates an expression inside orQueries even though ad-hoc expressions are off. */
  @Test
  void camunda7240EvaluatesExpressionsInsideOrQueries() throws Exception {
    TaskQueryDto dto = JSON.readValue("{\"orQueries\":[{\"assigneeExpression\":\"" + EXPRESSION + "\"}]}", TaskQueryDto.class);
    dto.setObjectMapper(JSON);
    assertThat(dto.toQuery(engine).list()).extracting(task -> task.getId()).contains(probeTask);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"orQueries\":[{\"assigneeExpression\":\"${'dispatch'.concat('er')}\"}]}",
      "{\"orQueries\":[{\"candidateGroupsExpression\":\"#{'x'}\"}]}",
      "{\"assigneeExpression\":\"${'dispatch'.concat('er')}\"}",
      "{\"orQueries\":[{\"assigneeExpression\":\"\\u0024{'dispatch'.concat('er')}\"}]}",
      "{\"processVariables\":[{\"name\":\"x\",\"operator\":\"eq\",\"value\":\"${1}\"}],\"orQueries\":[{}]}"})
  void taskQueriesCarryingAnExpressionAreRefused(String query) throws Exception {
    for (String path : List.of("/engine-rest/task", "/engine-rest/task/count", "/engine-rest/%74ask", "/engine-rest/task;x=1",
        "/engine-rest//task", "/engine-rest/task/")) {
      var response = send(post(path, query).header("Authorization", basic("admin", "demo")).build());
      assertThat(response.statusCode()).as(path + " " + query).isEqualTo(400);
      assertThat(response.body()).contains("Expressions are not allowed in task queries");
    }
    String filterId = filterService.createFilterQuery().filterName("My leads").singleResult().getId();
    var viaFilter = send(post("/engine-rest/filter/" + filterId + "/list", query).header("Authorization", basic("admin", "demo")).build());
    assertThat(viaFilter.statusCode()).isEqualTo(400);
    var viaWebapp = send(post("/camunda/api/engine/engine/default/task", query).build());
    assertThat(viaWebapp.statusCode()).isEqualTo(400);
  }

  @Test
  void expressionsInQueryParametersAreRefusedToo() throws Exception {
    var response = send(get("/engine-rest/task?assigneeExpression=%24%7B'dispatch'.concat('er')%7D").header("Authorization", basic("admin", "demo")).build());
    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void storedFiltersWithCurrentUserStillWork() throws Exception {
    String filterId = filterService.createFilterQuery().filterName("My leads").singleResult().getId();
    var response = send(post("/engine-rest/filter/" + filterId + "/list", "{\"sorting\":[{\"sortBy\":\"priority\",\"sortOrder\":\"desc\"}]}")
        .header("Authorization", basic("dispatcher", "demo")).build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body())).extracting(task -> task.get("id").asText()).contains(probeTask);
    var plain = send(post("/engine-rest/task", "{\"orQueries\":[{\"assignee\":\"dispatcher\"}]}").header("Authorization", basic("admin", "demo")).build());
    assertThat(plain.statusCode()).as("or-queries without expressions still work").isEqualTo(200);
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(uri(path)).GET();
  }

  private HttpRequest.Builder post(String path, String json) {
    return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json));
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
