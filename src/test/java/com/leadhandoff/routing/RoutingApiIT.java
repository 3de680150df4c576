package com.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadhandoff.DemoApplicationTest;
import com.leadhandoff.intake.ApiClient;
import com.leadhandoff.intake.ApiClient.Answer;
import com.leadhandoff.intake.ApiClient.Part;
import com.leadhandoff.intake.LeadStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ops lead's story on the running demo: backtest a lower premium threshold against the leads
 * already routed, deploy it as Camunda Modeler does, watch the next lead follow it while the lead
 * already waiting keeps its version, read the versions and the diff, and roll back. Tables that
 * break the SOP, and anything but DMN, are refused. The demo's packaged tables are put back after
 * each test, so the other tests on the shared demo find them.
 */
@DemoApplicationTest
class RoutingApiIT {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired LeadStore store;

  private ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @AfterEach
  void packagedTablesBackInForce() {
    Answer restored = api.postMultipart("/api/routing/deployments", "admin", Part.file("dmn", "lead-routing.dmn", Tables.routing()),
        Part.file("cases", "lead-routing.csv", RuleCases.packaged("lead-routing").orElseThrow().csv()));
    assertThat(restored.status()).as(restored.raw().body()).isEqualTo(201);
  }

  @Test
  void anOpsLeadBacktestsDeploysAndRollsBackAPremiumThreshold() {
    String waiting = postLead(4000);
    assertThat(variable(waiting, "leadClass")).isEqualTo("STANDARD");
    String before = (String) variable(waiting, "routingVersion");
    int oldVersion = Integer.parseInt(before.substring(before.lastIndexOf('v') + 1));

    String edited = Tables.premiumFrom(3000).replace("is at least 5000\"", "is at least 3000\"");
    Answer backtest = api.postMultipart("/api/routing/backtest", "ops-lead", Part.file("dmn", "lead-routing.dmn", edited));
    assertThat(backtest.status()).as(backtest.raw().body()).isEqualTo(200);
    assertThat(backtest.body().get("changedClass").asInt()).isPositive();
    assertThat(backtest.body().get("moves").findValuesAsText("to")).contains("PREMIUM to sales");
    assertThat(backtest.body().get("examples").findValuesAsText("processInstanceId")).contains(processInstance(waiting));

    Answer refused = deployAsModeler(edited);
    assertThat(refused.status()).as("the reasons the cases expect changed too").isEqualTo(400);
    assertThat(refused.body().get("message").asText()).contains("case 'high estimated value'");
    String cases = RuleCases.packaged("lead-routing").orElseThrow().csv().replace("is at least 5000", "is at least 3000");
    Answer saved = api.send(api.request("/api/routing/cases/lead-routing", "ops-lead").header("Content-Type", "text/csv")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(cases)).build());
    assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
    assertThat(saved.body().get("cases").asInt()).isEqualTo(20);

    Answer modeler = deployAsModeler(edited);
    assertThat(modeler.status()).as(modeler.raw().body()).isEqualTo(200);
    assertThat(modeler.body().get("deployedDecisionDefinitions").findValuesAsText("key")).contains("lead-routing");
    int newVersion = latestVersion();
    assertThat(newVersion).isGreaterThan(oldVersion);

    String next = postLead(4000);
    assertThat(variable(next, "leadClass")).as("the next lead follows the new table").isEqualTo("PREMIUM");
    assertThat(variable(next, "ownerGroup")).isEqualTo("sales");
    assertThat(variable(next, "routingVersion")).isEqualTo("lead-routing v" + newVersion);
    assertThat(variable(waiting, "routingVersion")).as("the lead already waiting keeps its rules").isEqualTo(before);

    JsonNode versions = api.get("/api/routing/versions?table=lead-routing", "manager").body().get("tables").get(0);
    assertThat(versions.get("inForce").asInt()).isEqualTo(newVersion);
    JsonNode deployed = versions.get("versions").get(0);
    assertThat(deployed.get("deployedBy").asText()).isEqualTo("ops-lead");
    assertThat(deployed.get("source").asText()).isEqualTo("Camunda Modeler");
    assertThat(deployed.get("guard").asText()).startsWith("Passed: ");

    JsonNode diff = api.get("/api/routing/versions/lead-routing/diff?from=" + oldVersion + "&to=" + newVersion, "manager").body();
    assertThat(diff.get("changes").findValuesAsText("text")).singleElement().asString()
        .endsWith("Estimated job value '>= 5000' -> '>= 3000'; Why '\"estimated value \" + string(estimatedValue) + \" is at least 5000\"' -> "
            + "'\"estimated value \" + string(estimatedValue) + \" is at least 3000\"'");

    Answer rollback = api.postMultipart("/api/routing/versions/lead-routing/" + oldVersion + "/redeploy", "ops-lead");
    assertThat(rollback.status()).as("checked with the cases of the version rolled back to: " + rollback.raw().body()).isEqualTo(201);
    assertThat(latestVersion()).isEqualTo(newVersion + 1);
    assertThat(variable(postLead(4000), "leadClass")).as("back to the old threshold").isEqualTo("STANDARD");
    assertThat(api.get("/api/routing/cases/lead-routing", "ops-lead").raw().body()).as("and its cases are in force again")
        .contains("is at least 5000").doesNotContain("is at least 3000");
  }

  @Test
  void tablesThatBreakTheSopAndAnythingButDmnAreRefused() {
    int versions = latestVersion();
    String toNobody = Tables.inRule(Tables.routing(), "Rule_lead_routing_5", "<text>\"dispatch\"</text>", "<text>\"dispatch-night\"</text>");

    Answer modeler = api.postMultipart("/engine-rest/deployment/create", "ops-lead", Part.field("deployment-name", "lead-routing"),
        Part.file("data", "lead-routing.dmn", toNobody));
    assertThat(modeler.status()).as(modeler.raw().body()).isEqualTo(400);
    assertThat(modeler.body().get("type").asText()).isEqualTo("ParseException");
    assertThat(modeler.body().get("details").get("lead-routing.dmn").get("errors").findValuesAsText("mainElementId")).contains("Rule_lead_routing_5");

    Answer api = this.api.postMultipart("/api/routing/deployments", "ops-lead", Part.file("dmn", "lead-routing.dmn", toNobody));
    assertThat(api.status()).isEqualTo(422);
    assertThat(api.body().get("problems")).anySatisfy(problem -> {
      assertThat(problem.get("rule").asText()).startsWith("rule 5 (Rule_lead_routing_5");
      assertThat(problem.get("message").asText()).isEqualTo("ownerGroup 'dispatch-night' is not a group");
    });

    Answer process = this.api.postMultipart("/engine-rest/deployment/create", "ops-lead", Part.field("deployment-name", "sneaky"),
        Part.file("data", "sneaky.bpmn", Tables.packaged("bpmn/notify-people.bpmn")));
    assertThat(process.status()).isEqualTo(403);
    assertThat(process.body().get("message").asText()).startsWith("Only DMN files (.dmn) may be deployed by ops-lead; refused: sneaky.bpmn.");

    assertThat(this.api.postMultipart("/api/routing/deployments", "manager", Part.file("dmn", "lead-routing.dmn", Tables.routing())).status())
        .as("managers read and backtest, they do not deploy").isEqualTo(403);
    assertThat(this.api.get("/api/routing/versions", "website").status()).as("integrations have no business here").isEqualTo(403);
    assertThat(this.api.get("/api/%72outing/versions", "website").status()).as("however the path is spelled").isEqualTo(403);
    assertThat(this.api.get("/api;x=1/routing/versions", "website").status()).isIn(400, 403);
    Answer check = this.api.postMultipart("/api/routing/check", "manager", Part.file("dmn", "lead-routing.dmn", toNobody));
    assertThat(check.body().get("problems").size()).isPositive();
    assertThat(latestVersion()).as("nothing deployed").isEqualTo(versions);
  }

  @Test
  void casesSentWithADeploymentAreTheOnesTheGuardRunsLater() {
    String cases = RuleCases.packaged("lead-routing").orElseThrow().csv() + "threshold case,,false,Repipe,plumbing,,3100,78704,PREMIUM,sales,"
        + "sales-leads,PT5M,true,premium: estimated value 3100 is at least 5000,,PT2H,70\n";

    Answer deployed = api.postMultipart("/api/routing/deployments", "ops-lead", Part.file("dmn", "lead-routing.dmn", Tables.premiumFrom(3000)),
        Part.file("cases", "lead-routing.csv", cases));
    assertThat(deployed.status()).as(deployed.raw().body()).isEqualTo(201);

    Answer saved = api.get("/api/routing/cases/lead-routing", "ops-lead");
    assertThat(saved.raw().body()).isEqualTo(cases);
    assertThat(saved.header("X-Cases-Origin")).startsWith("the cases saved by ops-lead at ");
    Answer unreadable = api.send(api.request("/api/routing/cases/lead-routing", "ops-lead").header("Content-Type", "text/csv")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("case,estimatedValue:number,expect.leadClass\nbig,lots,PREMIUM\n")).build());
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(unreadable.body().get("detail").asText()).isEqualTo("Nothing was saved: line 2, column estimatedValue:number: 'lots' is not a number");
    assertThat(api.send(api.request("/api/routing/cases/lead-routing", "manager").header("Content-Type", "text/csv")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(cases)).build()).status()).isEqualTo(403);
    Answer oldTable = api.postMultipart("/api/routing/check", "ops-lead", Part.file("dmn", "lead-routing.dmn", Tables.routing()));
    assertThat(oldTable.body().get("problems").findValuesAsText("message")).anySatisfy(message -> assertThat(message)
        .startsWith("case 'threshold case' (line 22 of the cases saved by ops-lead"));
  }

  private Answer deployAsModeler(String dmn) {
    return api.postMultipart("/engine-rest/deployment/create", "ops-lead", Part.field("deployment-name", "lead-routing"),
        Part.field("deployment-source", "Camunda Modeler"), Part.field("deploy-changed-only", "false"), Part.file("data", "lead-routing.dmn", dmn));
  }

  private String postLead(long estimatedValue) {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> lead = new HashMap<>(Map.of("source", "web-form", "externalId", "routing-" + unique, "fullName", "Water Heater " + unique,
        "email", unique + "@example.com", "serviceType", "water-heater", "problem", "Replace the water heater and the expansion tank",
        "estimatedValue", estimatedValue, "consentToContact", true));
    lead.put("address", Map.of("line1", "1 Main St", "postalCode", "78704"));
    Answer answer = api.postJson("/api/leads", lead, "website");
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
    String id = answer.body().get("id").asText();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> variable(id, "routingVersion") != null);
    return id;
  }

  private String processInstance(String leadId) {
    return store.lead(leadId).orElseThrow().processInstanceId();
  }

  private Object variable(String leadId, String name) {
    return runtimeService.getVariable(processInstance(leadId), name);
  }

  private int latestVersion() {
    return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("lead-routing").latestVersion().singleResult().getVersion();
  }
}
