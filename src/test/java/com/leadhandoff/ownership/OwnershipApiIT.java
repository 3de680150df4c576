package com.leadhandoff.ownership;

import com.leadhandoff.DemoApplicationTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadhandoff.intake.ApiClient;
import com.leadhandoff.intake.ApiClient.Answer;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ownership API over real HTTP on the running demo: who may change what, every bad field named
 * at once, and overrides that really change who is on call. Whatever a test changes it puts back,
 * because the browser tests share this demo database.
 */
@DemoApplicationTest
class OwnershipApiIT {

  @LocalServerPort int port;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @Test
  void theRotationSaysWhoIsNextAndWhy() {
    Answer rotation = api.get("/api/teams/intake/rotation", "manager");

    assertThat(rotation.status()).isEqualTo(200);
    assertThat(rotation.body().get("next").asText()).isEqualTo("csr");
    assertThat(rotation.body().get("members").get(0).get("status").asText()).isIn("AVAILABLE", "AT_CAPACITY");
    assertThat(api.get("/api/teams/no-such-team/rotation", "manager").status()).isEqualTo(404);
  }

  @Test
  void aManagerOverridesTheOnCallRotationForASickDayAndRemovesItAgain() {
    assertThat(api.get("/api/teams/dispatch/on-call", "manager").body().get("userId").asText()).isEqualTo("dispatcher");

    Answer created = api.postJson("/api/teams/dispatch/on-call/overrides", Map.of("userId", "dispatch-lead",
        "from", "2020-01-01T00:00:00Z", "until", "2099-01-01T00:00:00Z", "reason", "Dana is sick"), "manager");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).endsWith("/on-call/overrides/" + created.body().get("id").asText());
    try {
      Answer now = api.get("/api/teams/dispatch/on-call", "manager");
      assertThat(now.body().get("userId").asText()).isEqualTo("dispatch-lead");
      assertThat(now.body().get("source").asText()).isEqualTo("OVERRIDE");
    } finally {
      Answer removed = api.send(api.request("/api/teams/dispatch/on-call/overrides/" + created.body().get("id").asText(), "manager").DELETE().build());
      assertThat(removed.status()).isEqualTo(204);
    }
    assertThat(api.get("/api/teams/dispatch/on-call", "manager").body().get("source").asText()).isEqualTo("ROTATION");
  }

  @Test
  void aPhoneSystemMayAskWhoIsOnCallButNotWhyNorAnythingElse() {
    Answer created = api.postJson("/api/teams/dispatch/on-call/overrides", Map.of("userId", "dispatch-lead",
        "from", "2020-01-01T00:00:00Z", "until", "2099-01-01T00:00:00Z", "reason", "Dana is sick"), "manager");
    try {
      Answer now = api.get("/api/teams/dispatch/on-call", "phone-system");
      assertThat(now.status()).isEqualTo(200);
      assertThat(now.body().get("userId").asText()).isEqualTo("dispatch-lead");
      assertThat(now.body().get("reason").isNull()).as("the reason is for managers").isTrue();
      assertThat(api.get("/api/teams/dispatch/on-call", "manager").body().get("reason").asText()).isEqualTo("Dana is sick");
    } finally {
      api.send(api.request("/api/teams/dispatch/on-call/overrides/" + created.body().get("id").asText(), "manager").DELETE().build());
    }
    assertThat(api.get("/api/teams/dispatch/on-call/overrides", "phone-system").status()).isEqualTo(403);
    assertThat(api.get("/api/teams/dispatch/rotation", "phone-system").status()).isEqualTo(403);
    assertThat(api.get("/api/people/dispatcher/availability", "phone-system").status()).isEqualTo(403);
    assertThat(api.get("/api/people/dispatcher/notifications", "csr").status()).isEqualTo(403);
    assertThat(api.get("/api/teams/dispatch/notifications", "csr").status()).isEqualTo(403);
    assertThat(api.get("/api/people/csr/notifications", "csr").status()).as("your own channels").isEqualTo(200);
    assertThat(api.get("/api/demo/inbox", "phone-system").status()).isEqualTo(403);
  }

  @Test
  void onlyManagersChangeOnCallSchedules() {
    Answer refused = api.send(api.request("/api/teams/dispatch/on-call/schedule", "csr").header("Content-Type", "application/json")
        .PUT(BodyPublishers.ofString("{\"members\":[\"dispatcher\"],\"shiftLength\":\"P7D\",\"startsAt\":\"2026-11-23T08:00:00-06:00\"}")).build());

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().get("detail").asText()).contains("'csr' may not set on-call schedules");
  }

  @Test
  void aBadScheduleNamesEveryProblemAndChangesNothing() {
    Answer bad = api.send(api.request("/api/teams/dispatch/on-call/schedule", "manager").header("Content-Type", "application/json")
        .PUT(BodyPublishers.ofString("{\"members\":[\"dispatcher\",\"estimator\"],\"shiftLength\":\"P1M\"}")).build());

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("errors").findValuesAsText("field")).containsExactly("members[1]", "shiftLength", "startsAt");
    assertThat(bad.body().toString()).contains("'estimator' is not a member of dispatch");
    assertThat(api.get("/api/teams/dispatch/on-call/schedule", "manager").body().get("members").toString()).isEqualTo("[\"dispatcher\"]");
  }

  @Test
  void availabilityIsSetCheckedAndReadBack() {
    Answer bad = put("/api/people/estimator/availability", "{\"capacity\":0,\"shift\":{\"funday\":\"09:00-17:00\",\"monday\":\"9-5\"}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("capacity", "shift.funday", "shift.monday");

    Answer good = put("/api/people/estimator/availability", "{\"awayFrom\":\"2099-12-21T00:00:00-06:00\",\"awayUntil\":\"2099-12-28T08:00:00-06:00\","
        + "\"awayReason\":\"holiday\",\"capacity\":5,\"shift\":{\"monday\":\"07:00-15:00\"}}");
    try {
      assertThat(good.status()).isEqualTo(200);
      Answer read = api.get("/api/people/estimator/availability", "manager");
      assertThat(read.body().get("capacity").asInt()).isEqualTo(5);
      assertThat(read.body().get("shift").get("MONDAY").get("starts").asText()).isEqualTo("07:00:00");
      assertThat(read.body().get("updatedBy").asText()).isEqualTo("manager");
    } finally {
      assertThat(put("/api/people/estimator/availability", "{}").status()).isEqualTo(200);
    }
  }

  @Test
  void notificationChannelsAreCheckedBeforeTheyAreSaved() {
    Answer bad = put("/api/teams/dispatch-leads/notifications", "{\"email\":\"not an address\",\"webhook\":\"ftp://x.example/hook\",\"events\":[\"NOPE\"]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("email", "webhook", "events");

    Answer good = put("/api/teams/dispatch-leads/notifications", "{\"webhook\":\"https://chat.example/hooks/dispatch-leads\",\"events\":[\"REMINDER\",\"REASSIGNED\"]}");
    try {
      assertThat(good.status()).isEqualTo(200);
      assertThat(good.body().get("channels").get(0).get("kind").asText()).isEqualTo("WEBHOOK");
      assertThat(good.body().get("channels").get(0).get("events").toString()).contains("REMINDER", "REASSIGNED");
    } finally {
      assertThat(put("/api/teams/dispatch-leads/notifications", "{}").status()).isEqualTo(200);
    }
  }

  @Test
  void theDeclineReportIsForManagers() {
    Answer report = api.get("/api/reports/declines", "manager");
    assertThat(report.status()).isEqualTo(200);
    assertThat(report.body().has("byReason")).isTrue();
    assertThat(api.get("/api/reports/declines", "csr").status()).isEqualTo(403);
    assertThat(api.get("/api/reports/declines?from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z", "manager").status()).isEqualTo(400);
  }

  private Answer put(String path, String json) {
    return api.send(api.request(path, "manager").header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)).build());
  }

}
