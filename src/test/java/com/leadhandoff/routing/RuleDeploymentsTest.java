package com.leadhandoff.routing;

import static com.leadhandoff.routing.Tables.inRule;
import static com.leadhandoff.routing.Tables.routing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadhandoff.ownership.OnCall;
import com.leadhandoff.process.TestTeams;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessApplicationDeployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** Who may deploy what, the guard on every deployment by a person, the record of who did, and the restart rule. */
@SpringBootTest
@DirtiesContext
@ActiveProfiles("test")
class RuleDeploymentsTest {

  private static final String TINY_PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
          id="d" targetNamespace="http://leadhandoff.com/test">
        <bpmn:process id="anything" isExecutable="true" camunda:historyTimeToLive="1">
          <bpmn:startEvent id="start"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired OnCall onCall;
  @Autowired JdbcTemplate jdbc;
  @Autowired PackagedTables packagedTables;
  @Autowired org.camunda.bpm.engine.ProcessEngine processEngine;

  @BeforeEach
  void teams() {
    TestTeams.setUp(identityService, onCall, jdbc);
  }

  @AfterEach
  void logOut() {
    identityService.clearAuthentication();
  }

  @Test
  void theEnginesDecisionsParseEachFeelExpressionOnce() {
    var dmn = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getDmnEngineConfiguration();
    assertThat(dmn.getFeelEngine()).isInstanceOf(ParsedFeel.Engine.class);
    assertThat(RuleEngine.ENGINE.getConfiguration()).extracting(c -> ((org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration) c)
        .getFeelEngine()).isInstanceOf(ParsedFeel.Engine.class);
  }

  @Test
  void anOpsLeadMayDeployDmnFilesOnly() {
    identityService.setAuthentication("ops-lead", List.of("ops-leads"));

    assertThatThrownBy(() -> repositoryService.createDeployment().addString("anything.bpmn", TINY_PROCESS)
        .addString("lead-routing.dmn", routing()).deploy())
        .isInstanceOf(AuthorizationException.class)
        .hasMessage("Only DMN files (.dmn) may be deployed by ops-lead; refused: anything.bpmn. Processes, forms and scripts can carry "
            + "code and are deployed by an administrator.");
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("anything").count()).isZero();

    identityService.setAuthentication("admin", List.of("camunda-admin"));
    repositoryService.createDeployment().addString("anything.bpmn", TINY_PROCESS).deploy();
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("anything").count()).as("admins deploy processes").isOne();
  }

  @Test
  void nobodyMayPassTheirDeploymentOffAsTheApplicationsOwn() {
    identityService.setAuthentication("ops-lead", List.of("ops-leads"));

    assertThatThrownBy(() -> repositoryService.createDeployment().source(ProcessApplicationDeployment.PROCESS_APPLICATION_DEPLOYMENT_SOURCE)
        .addString("lead-routing.dmn", Tables.premiumFrom(3000)).deploy())
        .isInstanceOf(AuthorizationException.class)
        .hasMessageStartingWith("The deployment source 'process application' is the application's own; ops-lead may not use it.");
  }

  @Test
  void everyNameTheEngineDeploysAsDmnIsChecked() {
    identityService.setAuthentication("ops-lead", List.of("ops-leads"));
    String toNobody = inRule(routing(), "Rule_lead_routing_5", "<text>\"dispatch\"</text>", "<text>\"dispatch-night\"</text>");

    assertThatThrownBy(() -> repositoryService.createDeployment().addString("lead-routing.dmn11.xml", toNobody).deploy())
        .isInstanceOf(ParseException.class).hasMessageContaining("ownerGroup 'dispatch-night' is not a group");
  }

  @Test
  void aTableThePersonDeploysIsCheckedAndRefusedWithTheGuardsReport() {
    long versions = versions("lead-routing");
    identityService.setAuthentication("ops-lead", List.of("ops-leads"));
    String toNobody = inRule(routing(), "Rule_lead_routing_5", "<text>\"dispatch\"</text>", "<text>\"dispatch-night\"</text>");

    assertThatThrownBy(() -> repositoryService.createDeployment().addString("lead-routing.dmn", toNobody).deploy())
        .isInstanceOfSatisfying(ParseException.class, refused -> {
          assertThat(refused.getMessage()).startsWith("The deploy guard refused lead-routing.dmn. ")
              .contains("ownerGroup 'dispatch-night' is not a group");
          assertThat(refused.getResorceReports().get(0).getErrors()).anySatisfy(problem -> {
            assertThat(problem.getMainElementId()).isEqualTo("Rule_lead_routing_5");
            assertThat(problem.getMessage()).startsWith("lead-routing, rule 5 (Rule_lead_routing_5: ")
                .endsWith("ownerGroup 'dispatch-night' is not a group");
          });
        });
    assertThat(versions("lead-routing")).as("nothing deployed").isEqualTo(versions);
  }

  @Test
  void aTableThatPassesIsRecordedWithWhoDeployedItAndWhatTheGuardFound() {
    identityService.setAuthentication("ops-lead", List.of("ops-leads"));
    var deployment = repositoryService.createDeployment().name("lead-routing").source("Camunda Modeler")
        .addString("lead-routing.dmn", Tables.premiumFrom(3000)).deployWithResult();

    DecisionDefinition routing = latest("lead-routing");
    assertThat(routing.getDeploymentId()).isEqualTo(deployment.getId());
    var recorded = jdbc.queryForMap("select deployed_by, source, guard_summary from lh_rule_version where decision_definition_id = ?", routing.getId());
    assertThat(recorded).containsEntry("DEPLOYED_BY", "ops-lead").containsEntry("SOURCE", "Camunda Modeler");
    assertThat((String) recorded.get("GUARD_SUMMARY")).startsWith("Passed: lead-routing: 8 rules;")
        .contains("20 cases of lead-routing from the packaged dmn/tests/lead-routing.csv");
    assertThat(jdbc.queryForObject("select count(*) from lh_rule_version where deployment_id = ?", Integer.class, deployment.getId()))
        .as("every decision of the file").isEqualTo(6);
    assertThat(jdbc.queryForObject("select count(*) from lh_rule_version where deployed_by is null and decision_key = 'lead-routing'", Integer.class))
        .as("the application's own deployment at start is recorded too").isOne();
  }

  @Test
  void aRestartNeverRollsBackATableDeployedSinceByAnOpsLead() {
    String releasedRouting = routing().replace("Large jobs go to a senior estimator", "Large jobs go to a senior estimator (release 2)");
    String releasedLadder = Tables.ladder().replace("<text>\"PT2H\"</text>", "<text>\"PT3H\"</text>");

    var beforeAnyOpsChange = applicationDeployment(releasedRouting, releasedLadder);
    packagedTables.keepLaterDeployments(beforeAnyOpsChange);
    assertThat(beforeAnyOpsChange.getResourceNames()).as("the release's tables go in while the application's are in force")
        .containsExactlyInAnyOrder("dmn/lead-routing.dmn", "dmn/escalation-ladder.dmn");

    identityService.setAuthentication("ops-lead", List.of("ops-leads"));
    repositoryService.createDeployment().name("lead-routing").addString("lead-routing.dmn", Tables.premiumFrom(3000)).deploy();
    identityService.clearAuthentication();
    DecisionDefinition opsVersion = latest("lead-routing");

    var restart = applicationDeployment(releasedRouting, releasedLadder);
    packagedTables.keepLaterDeployments(restart);
    restart.deploy();

    assertThat(latest("lead-routing").getId()).as("the ops change stays in force").isEqualTo(opsVersion.getId());
    assertThat(latest("escalation-ladder").getDeploymentId()).as("the ladder nobody changed follows the release")
        .isNotEqualTo(opsVersion.getDeploymentId());
    assertThat(repositoryService.getResourceAsStream(latest("escalation-ladder").getDeploymentId(), "dmn/escalation-ladder.dmn"))
        .asString(java.nio.charset.StandardCharsets.UTF_8).contains("PT3H");
    assertThat(packagedTables.skipped()).last().satisfies(skipped -> {
      assertThat(skipped.resource()).isEqualTo("dmn/lead-routing.dmn");
      assertThat(skipped.reason()).startsWith("not deployed: lead-routing v" + opsVersion.getVersion() + " (deployed ")
          .contains("is in force").endsWith("deploy the file through the routing API or Modeler to adopt it");
    });
  }

  /** What the process application hands the engine at start: its packaged files, deployed if changed. */
  private org.camunda.bpm.engine.repository.DeploymentBuilder applicationDeployment(String routing, String ladder) {
    return repositoryService.createDeployment().name("lead-handoff").source(ProcessApplicationDeployment.PROCESS_APPLICATION_DEPLOYMENT_SOURCE)
        .enableDuplicateFiltering(true).addString("dmn/lead-routing.dmn", routing).addString("dmn/escalation-ladder.dmn", ladder);
  }

  private DecisionDefinition latest(String key) {
    return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult();
  }

  private long versions(String key) {
    return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).count();
  }

}
