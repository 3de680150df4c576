package com.leadhandoff.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadhandoff.TestDatabase;
import com.leadhandoff.intake.ApiClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.core.io.ClassPathResource;

/**
 * The restart rule with the real application on PostgreSQL: an ops lead lowers the premium
 * threshold from Camunda Modeler (engine-rest), the node restarts with the same release, then with
 * a release whose packaged lead-routing.dmn differs; the ops lead's version stays in force both
 * times, and leads keep following it.
 */
@ExtendWith(AppNode.StopAll.class)
class RestartKeepsOpsTablesIT {

  private static final String OPS_LEAD = "ops-lead";
  private static final String OPS_PASSWORD = "ops-lead-secret";

  @Test
  void neitherARestartNorANewReleaseRollsBackAnOpsChange() throws Exception {
    AppNode node = AppNode.start("restart", TestDatabase.newDatabase("restart"));
    // A fresh install has teams but nobody in them: the guard needs members in every group a table names.
    node.staff(Map.of(OPS_LEAD, List.of("ops-leads"), "dispatcher", List.of("dispatch"), "dispatch-lead", List.of("dispatch", "dispatch-leads"),
        "estimator", List.of("sales"), "sales-lead", List.of("sales", "sales-leads"), "csr", List.of("intake"),
        "office-manager", List.of("office"), "manager", List.of("managers")));
    String packaged = new String(new ClassPathResource("dmn/lead-routing.dmn").getContentAsByteArray(), StandardCharsets.UTF_8);
    String lowered = packaged.replace("&gt;= 5000", "&gt;= 3000");

    HttpResponse<String> modeler = deployAsModeler(node, lowered);
    assertThat(modeler.statusCode()).as(modeler.body()).isEqualTo(200);
    assertThat(inForce(node)).isEqualTo(2);
    assertThat(classOfALeadWorth(node, 4000)).isEqualTo("PREMIUM");

    node.kill();
    node.start();
    assertThat(inForce(node)).as("a restart of the same release").isEqualTo(2);
    assertThat(classOfALeadWorth(node, 4000)).isEqualTo("PREMIUM");

    Path release = AppNode.packagedWith(Map.of("BOOT-INF/classes/dmn/lead-routing.dmn",
        packaged.replace("Large jobs go to a senior estimator", "Large jobs go to a senior estimator (next release)").getBytes(StandardCharsets.UTF_8)),
        Files.createTempFile("lead-handoff-next-release", ".jar"));
    node.kill();
    node.release(release);
    node.start();

    JsonNode versions = node.json(node.get("/api/routing/versions", OPS_LEAD, OPS_PASSWORD));
    assertThat(versions.get("tables").get(0).get("inForce").asInt()).as("a release with another copy of the table").isEqualTo(2);
    assertThat(versions.get("tables").get(0).get("versions").get(0).get("deployedBy").asText()).isEqualTo(OPS_LEAD);
    assertThat(versions.get("packagedCopiesLeftOut").findValuesAsText("resource")).containsExactly("dmn/lead-routing.dmn");
    assertThat(classOfALeadWorth(node, 4000)).isEqualTo("PREMIUM");
    assertThat(Files.readString(Path.of("target", "nodes", "restart.log"))).contains("Packaged dmn/lead-routing.dmn not deployed: lead-routing v2");
  }

  private static HttpResponse<String> deployAsModeler(AppNode node, String dmn) throws Exception {
    return node.postParts("/engine-rest/deployment/create", OPS_LEAD, OPS_PASSWORD, ApiClient.Part.field("deployment-name", "lead-routing"),
        ApiClient.Part.field("deployment-source", "Camunda Modeler"), ApiClient.Part.file("data", "lead-routing.dmn", dmn));
  }

  private static int inForce(AppNode node) throws Exception {
    return node.json(node.get("/api/routing/versions?table=lead-routing", OPS_LEAD, OPS_PASSWORD)).get("tables").get(0).get("inForce").asInt();
  }

  private static String classOfALeadWorth(AppNode node, long estimatedValue) throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    var created = node.post("/api/leads", Map.of("source", "web-form", "externalId", "restart-" + unique, "fullName", "Heater " + unique,
        "email", unique + "@example.com", "serviceType", "water-heater", "problem", "Replace the water heater",
        "estimatedValue", estimatedValue, "consentToContact", true, "address", Map.of("line1", "1 Main St", "postalCode", "78704")),
        AppNode.SOURCE, AppNode.SOURCE_PASSWORD);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = node.json(created).get("id").asText();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> node.json(node.get("/api/leads/" + id, AppNode.SOURCE, AppNode.SOURCE_PASSWORD))
        .path("leadClass").isTextual());
    return node.json(node.get("/api/leads/" + id, AppNode.SOURCE, AppNode.SOURCE_PASSWORD)).get("leadClass").asText();
  }
}
