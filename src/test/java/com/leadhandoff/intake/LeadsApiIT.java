package com.leadhandoff.intake;

import com.leadhandoff.DemoApplicationTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadhandoff.intake.ApiClient.Answer;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The intake API end to end, over real HTTP against the running demo application (job executor
 * on, authorizations on): each source's typical payload, replay, joining, upward re-route, notes,
 * the screen-pop search, and the leads it creates removed again afterwards.
 */
@DemoApplicationTest
class LeadsApiIT {

  static final Set<String> created = ConcurrentHashMap.newKeySet();
  static RuntimeService cleanup;

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired LeadStore store;
  @Autowired JdbcTemplate jdbc;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
    cleanup = runtimeService;
  }

  /** The demo queues stay as the browser tests expect them. */
  @AfterAll
  static void removeTheLeadsThisTestCreated() {
    for (String processInstanceId : created) {
      if (cleanup.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
        cleanup.deleteProcessInstance(processInstanceId, "API test clean-up");
      }
    }
  }

  static Stream<Arguments> typicalPayloads() {
    return Stream.of(
        Arguments.of("call", Map.of("source", "call", "externalId", "call-7781", "fullName", "Ruth Alvarez", "phone", "(737) 555-0101",
            "problem", "Water heater is leaking from the bottom", "serviceType", "water heater", "capturedBy", "csr",
            "address", Map.of("line1", "12 Oak St", "city", "Austin", "region", "TX", "postalCode", "78704"), "consentToContact", true)),
        Arguments.of("web-form", Map.of("source", "web-form", "externalId", "wf-2026-11-24-0001", "fullName", "Ken Ito",
            "email", "Ken.Ito@Example.com", "phone", "737.555.0102", "serviceType", "drain-cleaning",
            "problem", "Shower drains slowly", "preferredContactWindow", "mornings", "consentToContact", true,
            "context", Map.of("page", "/services/drains", "campaign", "google-ads-drains"))),
        Arguments.of("ai-receptionist", Map.of("source", "ai-receptionist", "externalId", "air-call-55012", "fullName", "Dora Klein",
            "phone", "+1 737 555 0103", "problem", "Pipe burst in the basement, water everywhere", "activeLoss", true,
            "serviceType", "plumbing", "capturedAt", OffsetDateTime.now().minusMinutes(3).toString(),
            "context", Map.of("transcript", "Caller: a pipe burst in the basement.\nAgent: is water still running?\nCaller: yes!"))),
        Arguments.of("missed-call", Map.of("source", "missed-call", "externalId", "mc-19233", "phone", "7375550104")),
        Arguments.of("booking", Map.of("source", "booking", "externalId", "bk-881", "fullName", "Lena Park", "email", "lena.park@example.com",
            "serviceType", "heating", "problem", "Annual furnace tune-up", "preferredContactWindow", "Thu 2-4pm", "consentToContact", true)),
        Arguments.of("referral", Map.of("source", "referral", "externalId", "ref-12", "fullName", "Harbor Property Group",
            "email", "facilities@harborpg.com", "customerType", "commercial", "estimatedValue", 42000,
            "problem", "Re-pipe a 30-unit building", "serviceType", "plumbing", "notes", "Referred by Tom Becker")),
        Arguments.of("reactivation", Map.of("source", "reactivation", "externalId", "react-2026-q4-77", "fullName", "Sam Okafor",
            "phone", "+17375550107", "email", "sam.okafor@example.com", "serviceType", "cooling",
            "problem", "Wants the AC checked before summer", "consentToContact", true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typicalPayloads")
  void eachSourcesTypicalPayloadCreatesALeadThatReachesTasklist(String source, Map<String, Object> payload) {
    Answer answer = api.postJson("/api/leads", payload, "website");

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
    String id = answer.body().get("id").asText();
    assertThat(answer.header("Location")).isEqualTo("/api/leads/" + id);
    assertThat(answer.body().get("status").asText()).isEqualTo("CREATED");
    assertThat(answer.body().get("stage").asText()).isEqualTo("CAPTURED");
    String processInstanceId = remember(id);
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> taskService.createTaskQuery().processInstanceId(processInstanceId).count() == 1);
    JsonNode lead = api.get("/api/leads/" + id, "website").body();
    assertThat(lead.get("source").asText()).isEqualTo(source);
    assertThat(lead.get("state").asText()).isEqualTo("OPEN");
    assertThat(lead.get("stage").asText()).isIn("INTAKE_INCOMPLETE", "AWAITING_ACCEPTANCE", "POOR_FIT_REVIEW");
    assertThat(lead.get("timeline").get(0).get("kind").asText()).isEqualTo("CAPTURED");
    if (payload.containsKey("phone")) {
      assertThat(lead.get("phone").asText()).startsWith("+1737555010");
    }
  }

  @Test
  void missedCallWithOnlyAPhoneNumberIsCapturedAndWaitsForIntake() {
    Answer answer = api.postJson("/api/leads", Map.of("source", "missed-call", "phone", "737-555-0110"), "phone-system");
    String id = answer.body().get("id").asText();
    remember(id);

    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "INTAKE_INCOMPLETE".equals(stage(id)));
    JsonNode lead = api.get("/api/leads/" + id, "phone-system").body();
    assertThat(lead.get("owner").get("group").asText()).isEqualTo("intake");
    assertThat(lead.get("phone").asText()).isEqualTo("+17375550110");
  }

  @Test
  void postingTheSameSourceAndExternalIdAgainReturnsTheSameLeadAndStartsNothing() {
    Map<String, Object> lead = Map.of("source", "web-form", "externalId", "wf-replay-1", "fullName", "Ana Ruiz",
        "email", "ana.ruiz@example.com", "problem", "Toilet runs all night");
    Answer first = api.postJson("/api/leads", lead, "website");
    remember(first.body().get("id").asText());
    long instances = runtimeService.createProcessInstanceQuery().count();

    Answer again = api.postJson("/api/leads", lead, "website");

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
    assertThat(again.body().get("inquiryId").asText()).isEqualTo(first.body().get("inquiryId").asText());
    assertThat(again.body().get("status").asText()).isEqualTo("CREATED");
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
  }

  @Test
  void aSecondInquiryFromTheSamePersonJoinsTheOpenLeadAndItsOwnerSeesIt() {
    Answer first = api.postJson("/api/leads", Map.of("source", "web-form", "externalId", "wf-join-1", "fullName", "Ben Ode",
        "phone", "737-555-0120", "email", "ben.ode@example.com", "serviceType", "drain-cleaning", "problem", "Tub drains slowly",
        "address", Map.of("line1", "5 Elm St", "postalCode", "78704"), "consentToContact", true), "website");
    String id = first.body().get("id").asText();
    String processInstanceId = remember(id);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "AWAITING_ACCEPTANCE".equals(stage(id)));

    Answer second = api.postJson("/api/leads", Map.of("source", "call", "externalId", "call-join-1", "phone", "+1 (737) 555-0120",
        "problem", "Also the kitchen sink is slow now"), "phone-system");

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().get("status").asText()).isEqualTo("JOINED_EXISTING");
    assertThat(second.body().get("id").asText()).isEqualTo(id);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> taskService.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey("UserTask_ReviewJoinedInquiry").count() == 1);
    var ownerTask = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey("UserTask_AcceptLead").singleResult();
    assertThat(taskService.getTaskComments(ownerTask.getId())).extracting(c -> c.getFullMessage())
        .anyMatch(message -> message.contains("Also the kitchen sink is slow now"));
    var review = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey("UserTask_ReviewJoinedInquiry")
        .taskCandidateGroup("intake").includeAssignedTasks().singleResult();
    assertThat(review).as("the owner is asked to keep or split it, and their team sees it").isNotNull();
    assertThat(review.getAssignee()).isEqualTo(ownerTask.getAssignee()).isNotNull();
    JsonNode lead = api.get("/api/leads/" + id, "website").body();
    assertThat(lead.get("inquiries").asInt()).isEqualTo(2);
    assertThat(kinds(lead)).contains("JOINED");

    Answer byEmail = api.postJson("/api/leads", Map.of("source", "booking", "email", "BEN.ODE@example.com"), "website");
    assertThat(byEmail.body().get("id").asText()).as("email matches too, in any case").isEqualTo(id);
  }

  @Test
  void aMoreUrgentInquiryReRoutesTheLeadUpward() {
    Answer first = api.postJson("/api/leads", Map.of("source", "web-form", "fullName", "Cal Reyes", "phone", "737-555-0130",
        "serviceType", "plumbing", "problem", "Dripping outdoor faucet", "address", Map.of("line1", "9 Pine St", "postalCode", "78704"),
        "consentToContact", true), "website");
    String id = first.body().get("id").asText();
    remember(id);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "AWAITING_ACCEPTANCE".equals(stage(id)));
    assertThat(api.get("/api/leads/" + id, "website").body().get("leadClass").asText()).isEqualTo("STANDARD");

    Answer urgent = api.postJson("/api/leads", Map.of("source", "call", "phone", "7375550130",
        "problem", "The pipe burst, water is on the floor", "activeLoss", true), "phone-system");

    assertThat(urgent.body().get("status").asText()).isEqualTo("JOINED_EXISTING");
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> "EMERGENCY".equals(api.get("/api/leads/" + id, "website").body().path("leadClass").asText()));
    JsonNode lead = api.get("/api/leads/" + id, "website").body();
    assertThat(lead.get("owner").get("group").asText()).isEqualTo("dispatch");
    assertThat(OffsetDateTime.parse(lead.get("due").asText())).isBefore(OffsetDateTime.now().plusMinutes(6));
    assertThat(kinds(lead)).containsSubsequence("ROUTED", "JOINED", "REROUTED_UPWARD");
  }

  @Test
  void notesReachTheOpenLeadAndClosedOrUnknownLeadsAreRefused() {
    Answer first = api.postJson("/api/leads", Map.of("source", "ai-receptionist", "phone", "737-555-0140"), "website");
    String id = first.body().get("id").asText();
    String processInstanceId = remember(id);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "INTAKE_INCOMPLETE".equals(stage(id)));

    Answer note = api.postJson("/api/leads/" + id + "/notes", Map.of("text", "Transcript: caller asked for Spanish", "author", "AI receptionist"), "website");

    assertThat(note.status()).isEqualTo(201);
    assertThat(note.body().get("kind").asText()).isEqualTo("NOTE");
    assertThat((String) runtimeService.getVariable(processInstanceId, "notes")).contains("AI receptionist] Transcript: caller asked for Spanish");
    assertThat(kinds(api.get("/api/leads/" + id, "website").body())).contains("NOTE");
    assertThat(api.postJson("/api/leads/00000000-0000-0000-0000-000000000000/notes", Map.of("text", "x"), "website").status()).isEqualTo(404);

    runtimeService.deleteProcessInstance(processInstanceId, "closed for the test");
    Answer closed = api.postJson("/api/leads/" + id + "/notes", Map.of("text", "too late"), "website");
    assertThat(closed.status()).isEqualTo(409);
    assertThat(closed.contentType()).startsWith("application/problem+json");
    assertThat(api.get("/api/leads/" + id, "website").body().get("outcome").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void aCrmScreenPopFindsOpenLeadsByPhoneOrEmail() {
    Answer first = api.postJson("/api/leads", Map.of("source", "booking", "fullName", "Ivo Lind", "phone", "737-555-0150",
        "email", "ivo.lind@example.com"), "website");
    String id = first.body().get("id").asText();
    remember(id);

    assertThat(api.get("/api/leads?phone=%28737%29%20555-0150", "website").body()).extracting(n -> n.get("id").asText()).containsExactly(id);
    assertThat(api.get("/api/leads?email=IVO.LIND@example.com", "website").body()).extracting(n -> n.get("id").asText()).containsExactly(id);
    assertThat(api.get("/api/leads?phone=737-555-0159", "website").body()).isEmpty();
    assertThat(api.get("/api/leads?phone=12", "website").status()).isEqualTo(400);
  }

  @Test
  void theOpenApiDocumentDescribesTheLeadApi() {
    Answer docs = api.get("/v3/api-docs", null);
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body().get("paths").has("/api/leads")).isTrue();
    assertThat(docs.body().at("/components/schemas/LeadRequest/properties").has("externalId")).isTrue();
    assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
  }

  @Test
  void aLongTranscriptIsKeptWholeWithTheInquiryAndShownShortenedOnTheLead() {
    String transcript = "Caller: the basement is wet. ".repeat(600);
    Answer answer = api.postJson("/api/leads", Map.of("source", "ai-receptionist", "phone", "737-555-0180",
        "notes", "n".repeat(6000), "context", Map.of("transcript", transcript)), "website");
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
    String processInstanceId = remember(answer.body().get("id").asText());

    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> taskService.createTaskQuery().processInstanceId(processInstanceId).count() == 1);
    assertThat((String) runtimeService.getVariable(processInstanceId, "context")).hasSize(4000).endsWith("[…]");
    assertThat(jdbc.queryForObject("select payload from lh_inquiry where lead_id = ?", String.class, answer.body().get("id").asText()))
        .contains(transcript.strip());
  }

  @Test
  void aBodyLargerThanTheLimitIsRefusedBeforeItIsRead() {
    String huge = "{\"source\":\"call\",\"phone\":\"7375550160\",\"notes\":\"" + "x".repeat(70_000) + "\"}";
    Answer answer = api.send(api.request("/api/leads", "website").header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(huge)).build());
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  private String remember(String leadId) {
    String processInstanceId = store.lead(leadId).orElseThrow().processInstanceId();
    created.add(processInstanceId);
    return processInstanceId;
  }

  private String stage(String id) {
    return api.get("/api/leads/" + id, "website").body().get("stage").asText();
  }

  private static List<String> kinds(JsonNode lead) {
    List<String> kinds = new ArrayList<>();
    lead.get("timeline").forEach(entry -> kinds.add(entry.get("kind").asText()));
    return kinds;
  }

}
