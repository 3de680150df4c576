package com.leadhandoff.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadhandoff.DemoApplicationTest;
import com.leadhandoff.intake.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.CookieManager;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Insights over HTTP: for managers and admins only, with HTTP Basic or their Cockpit login. */
@DemoApplicationTest
class InsightsApiIT {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void onlyManagersAndAdminsSeeInsights() {
    ApiClient api = new ApiClient(port);
    assertThat(api.get("/api/insights/health", "manager").status()).isEqualTo(200);
    assertThat(api.get("/api/insights/heatmap?window=today", "admin").status()).isEqualTo(200);
    assertThat(api.get("/api/insights/health", "ops-lead").status()).isEqualTo(403);
    assertThat(api.get("/api/insights/health", "dispatcher").status()).isEqualTo(403);
    assertThat(api.get("/api/insights/weekly-review", "website").status()).isEqualTo(403);
    assertThat(api.get("/api/insights/health", null).status()).isEqualTo(401);
    assertThat(api.get("/api/insights/heatmap?window=yesterday", "manager").body().get("detail").asText())
        .isEqualTo("window must be today, 7d or 30d (or give from and to)");
    assertThat(api.get("/api/insights/weekly-review?week=2026-47", "manager").body().get("detail").asText())
        .isEqualTo("week '2026-47' is not an ISO week such as 2026-W47");
    assertThat(api.get("/api/insights/leads/no-such-lead/why", "manager").status()).isEqualTo(404);
  }

  @Test
  void cockpitsLoginIsEnoughForTheInsightsAndNothingElse() throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/cockpit/default/")).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
    var login = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/cockpit"))
        .header("X-XSRF-TOKEN", csrf).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("username=manager&password=demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

    var health = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/insights/health")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"table\":\"handoff-health v");
    var leads = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/leads?phone=5125550199")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(leads.statusCode()).as("the lead API still wants its own credentials").isEqualTo(401);
  }

  @Test
  void aLeadsWhyNamesTheRulesThatRoutedIt() {
    String emergency = jdbc.queryForObject(
        "select process_instance_id from lh_lead where source = 'ai-receptionist' and external_id = 'demo-ai-42'", String.class);

    var why = new ApiClient(port).get("/api/insights/leads/" + emergency + "/why", "manager").body();

    var routing = why.get("routing").get(0);
    assertThat(routing.get("version").asText()).startsWith("lead-routing v");
    assertThat(routing.get("matchedRules").get(0).asText()).startsWith("rule ").contains("Rule_lead_routing_");
    assertThat(routing.get("outputs").findValuesAsText("name")).contains("leadClass", "ownerGroup");
    assertThat(routing.get("required").findValuesAsText("decision")).contains("lead-urgency", "lead-value", "lead-fit");
    assertThat(why.get("escalation").get(0).get("version").asText()).startsWith("escalation-ladder v");
    assertThat(why.get("holders").get(0).get("assignee").asText()).isEqualTo("dispatcher");
  }
}
