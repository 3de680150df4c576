package com.leadhandoff.routing;

import static com.leadhandoff.routing.Tables.bytes;
import static com.leadhandoff.routing.Tables.inRule;
import static com.leadhandoff.routing.Tables.ladder;
import static com.leadhandoff.routing.Tables.packaged;
import static com.leadhandoff.routing.Tables.routing;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadhandoff.ownership.OnCall;
import com.leadhandoff.process.TestTeams;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** Each rule of the deploy guard, on edits of the packaged tables. */
@SpringBootTest
@DirtiesContext
@ActiveProfiles("test")
class DeployGuardTest {

  @Autowired DeployGuard guard;
  @Autowired IdentityService identityService;
  @Autowired OnCall onCall;
  @Autowired JdbcTemplate jdbc;
  @Autowired DeployedTables deployed;
  @Autowired RuleCases cases;

  @BeforeEach
  void teams() {
    TestTeams.setUp(identityService, onCall, jdbc);
    if (identityService.createGroupQuery().groupId("night-crew").count() == 0) {
      identityService.saveGroup(identityService.newGroup("night-crew"));
    }
  }

  @Test
  void thePackagedTablesPass() {
    Map<String, byte[]> all = new LinkedHashMap<>();
    for (String table : List.of("lead-routing", "escalation-ladder", "contact-retry", "intake-reminder")) {
      all.put(table + ".dmn", bytes(packaged("dmn/" + table + ".dmn")));
    }

    DeployGuard.Report report = guard.check(all, Map.of());

    assertThat(report.problems()).isEmpty();
    assertThat(report.checked()).contains("20 cases of lead-routing from the packaged dmn/tests/lead-routing.csv",
        "9 cases of escalation-ladder from the packaged dmn/tests/escalation-ladder.csv",
        "every class lead-routing gives has level 1 in escalation-ladder");
  }

  @Test
  void aFileThatDoesNotParseIsRefused() {
    assertThat(problems("lead-routing.dmn", routing().substring(0, 3000)))
        .singleElement().satisfies(p -> {
          assertThat(p.table()).isEqualTo("lead-routing.dmn");
          assertThat(p.message()).startsWith("lead-routing.dmn is not a DMN file Camunda can read");
        });
  }

  @Test
  void tablesMayUseFeelOnlyBecauseOtherExpressionLanguagesRunCode() {
    String juel = routing().replace("<inputExpression id=\"InputExpression_lead_routing_1\" typeRef=\"string\">",
        "<inputExpression id=\"InputExpression_lead_routing_1\" typeRef=\"string\" expressionLanguage=\"juel\">");
    String wholeFile = routing().replace("namespace=\"http://leadhandoff.com/dmn\"", "namespace=\"http://leadhandoff.com/dmn\" expressionLanguage=\"javascript\"");

    assertThat(problems("lead-routing.dmn", juel)).singleElement().extracting(DeployGuard.Problem::message)
        .isEqualTo("lead-routing.dmn uses expression language 'juel' in InputExpression_lead_routing_1: rule tables may use FEEL only "
            + "(other expression languages can run code)");
    assertThat(problems("lead-routing.dmn", wholeFile)).singleElement().extracting(DeployGuard.Problem::message).asString()
        .contains("expression language 'javascript' for the whole file");
  }

  @Test
  void theSmallerTablesKeepTheOutputsTheirStepsRead() {
    String renamed = packaged("dmn/contact-retry.dmn").replace("name=\"retryAfter\"", "name=\"nextAttempt\"");

    assertThat(guard.check(Map.of("contact-retry.dmn", bytes(renamed)), Map.of()).problems()).extracting(DeployGuard.Problem::describe)
        .contains("contact-retry: has no output named retryAfter, which the process reads");
  }

  @Test
  void everyDecisionNeedsAHistoryTimeToLive() {
    assertThat(messages(routing().replace("<decision id=\"lead-value\" name=\"Lead value\" camunda:historyTimeToLive=\"180\">",
        "<decision id=\"lead-value\" name=\"Lead value\">")))
        .containsExactly("lead-value: has no history time to live (camunda:historyTimeToLive in Modeler's General tab): Camunda refuses it");
  }

  @Test
  void theOutputsTheProcessReadsMustExistWithTheirTypes() {
    String renamed = routing().replace("name=\"priority\" typeRef=\"integer\"", "name=\"taskPriority\" typeRef=\"integer\"")
        .replace("name=\"businessHours\" typeRef=\"boolean\"", "name=\"businessHours\" typeRef=\"string\"");

    assertThat(messages(renamed)).contains("lead-routing: has no output named priority, which the process reads",
        "lead-routing: output businessHours has type string; the process needs boolean");
  }

  @Test
  void aHitPolicyThatGivesSeveralAnswersIsRefused() {
    String collect = routing().replace("<decisionTable id=\"DecisionTable_lead_routing\" hitPolicy=\"FIRST\">",
        "<decisionTable id=\"DecisionTable_lead_routing\" hitPolicy=\"COLLECT\">");

    assertThat(messages(collect)).contains("lead-routing: hit policy COLLECT can give several answers; use FIRST (or UNIQUE, ANY, PRIORITY)");
  }

  @Test
  void aTableThatSendsEmergenciesToNobodyIsRefused() {
    String noGroup = inRule(routing(), "Rule_lead_routing_5", "<text>\"dispatch\"</text>", "<text>\"dispatch-night\"</text>");
    String emptyGroup = inRule(routing(), "Rule_lead_routing_5", "<text>\"dispatch\"</text>", "<text>\"night-crew\"</text>");

    assertThat(problems("lead-routing.dmn", noGroup)).anySatisfy(p -> {
      assertThat(p.rule()).startsWith("rule 5 (Rule_lead_routing_5: ");
      assertThat(p.message()).isEqualTo("ownerGroup 'dispatch-night' is not a group");
    });
    assertThat(problems("lead-routing.dmn", emptyGroup)).anySatisfy(p -> {
      assertThat(p.rule()).startsWith("rule 5 (Rule_lead_routing_5: ");
      assertThat(p.message()).isEqualTo("ownerGroup 'night-crew' has no members: leads would go to nobody");
    });
  }

  @Test
  void everyClassTheOfficeCanChooseNeedsARule() {
    String noPremium = inRule(inRule(routing(), "Rule_lead_routing_2", "<text>\"PREMIUM\"</text>\n", "<text>\"STANDARD\"</text>\n"),
        "Rule_lead_routing_7", "<text>\"PREMIUM\"</text>\n        </outputEntry>", "<text>\"STANDARD\"</text>\n        </outputEntry>");

    assertThat(messages(noPremium)).contains(
        "lead-routing: no rule gives class PREMIUM: such leads (and the office's choice of PREMIUM by hand) would go nowhere");
  }

  @Test
  void classesAndDurationsMustBeUsableValues() {
    String edited = inRule(inRule(routing(), "Rule_lead_routing_3", "<text>\"PT15M\"</text>", "<text>\"15 minutes\"</text>"),
        "Rule_lead_routing_8", "<text>\"STANDARD\"</text>\n        </outputEntry>", "<text>\"ROUTINE\"</text>\n        </outputEntry>");

    assertThat(problems("lead-routing.dmn", edited)).extracting(DeployGuard.Problem::describe).anySatisfy(text -> assertThat(text)
        .startsWith("lead-routing, rule 3 (Rule_lead_routing_3").endsWith("acceptWithin must be a positive ISO-8601 duration in quotes, "
            + "such as \"PT15M\"; it is `\"15 minutes\"`"))
        .anySatisfy(text -> assertThat(text).startsWith("lead-routing, rule 8 (Rule_lead_routing_8")
            .endsWith("leadClass must be one of [EMERGENCY, PREMIUM, STANDARD, POOR_FIT] written as a fixed value; it is `\"ROUTINE\"`"));
  }

  @Test
  void emergenciesMustBeAcceptedWithinTheSopMaximumAroundTheClock() {
    String slow = inRule(inRule(routing(), "Rule_lead_routing_5", "<text>\"PT5M\"</text>", "<text>\"PT10M\"</text>"),
        "Rule_lead_routing_1", "<text>false</text>", "<text>true</text>");

    assertThat(problems("lead-routing.dmn", slow)).extracting(DeployGuard.Problem::describe)
        .anySatisfy(text -> assertThat(text).startsWith("lead-routing, rule 5 (Rule_lead_routing_5")
            .endsWith("emergencies must be accepted within PT5M (the SOP maximum); acceptWithin is PT10M"))
        .anySatisfy(text -> assertThat(text).startsWith("lead-routing, rule 1 (Rule_lead_routing_1")
            .endsWith("emergencies are handled around the clock; businessHours must be false"));

    DeployGuard lenient = new DeployGuard(identityService, deployed, cases, new RoutingProperties(Duration.ofMinutes(15), 5000));
    assertThat(lenient.check(Map.of("lead-routing.dmn", bytes(slow)), Map.of()).problems()).as("the maximum is configurable")
        .noneMatch(p -> p.message().startsWith("emergencies must be accepted within"));
  }

  @Test
  void everyLadderLevelMustBeUsable() {
    String ladder = inRule(inRule(inRule(ladder(), "Rule_escalation_ladder_5", "<text>\"rotation\"</text>", "<text>\"random\"</text>"),
        "Rule_escalation_ladder_6", "<text>\"managers\"</text>\n        </outputEntry>\n        <outputEntry id=\"Rule_escalation_ladder_6_out2\">",
        "<text>\"night-crew\"</text>\n        </outputEntry>\n        <outputEntry id=\"Rule_escalation_ladder_6_out2\">"),
        "Rule_escalation_ladder_8", "<text>\"PT30M\"</text>", "<text>\"PT2H\"</text>");

    assertThat(problems("escalation-ladder.dmn", ladder)).extracting(DeployGuard.Problem::describe)
        .anySatisfy(text -> assertThat(text).startsWith("escalation-ladder, rule 5 ").endsWith("assign must be \"on-call\" or \"rotation\"; it is `\"random\"`"))
        .anySatisfy(text -> assertThat(text).startsWith("escalation-ladder, rule 6 ").endsWith("group 'night-crew' has no members: leads would go to nobody"))
        .anySatisfy(text -> assertThat(text).startsWith("escalation-ladder, rule 8 ")
            .endsWith("remindAfter PT2H is later than reassignAfter PT1H: the reminder would never come"));
  }

  @Test
  void everyClassNeedsAFirstLevelAndEmergenciesAreRemindedWithinTheSopMaximum() {
    String ladder = inRule(inRule(ladder(), "Rule_escalation_ladder_4", "<text>1</text>", "<text>4</text>"),
        "Rule_escalation_ladder_1", "<text>\"PT5M\"</text>", "<text>\"PT8M\"</text>");

    assertThat(problems("escalation-ladder.dmn", ladder)).extracting(DeployGuard.Problem::describe)
        .contains("escalation-ladder: has no level 1 for class PREMIUM, which lead-routing gives: those leads would follow the built-in ladder")
        .anySatisfy(text -> assertThat(text).startsWith("escalation-ladder, rule 1 (Rule_escalation_ladder_1")
            .endsWith("level 1 for EMERGENCY reminds after PT8M, later than the SOP maximum of PT5M"));
  }

  @Test
  void theAcceptanceCasesMustPassAndReachEveryRule() {
    String raised = Tables.premiumFrom(13000);
    assertThat(messages(raised)).anySatisfy(text -> assertThat(text).startsWith("lead-routing: case 'high estimated value' (line 12 of "
        + "the packaged dmn/tests/lead-routing.csv) fails: leadClass should be 'PREMIUM' but is 'STANDARD'"));

    String casesNow = RuleCases.packaged("lead-routing").orElseThrow().csv()
        .replace("high estimated value,,false,Repipe the whole house,plumbing,,12000,78704,PREMIUM,sales,sales-leads,PT5M,true,"
            + "premium: estimated value 12000 is at least 5000,,PT2H,70",
            "high estimated value,,false,Repipe the whole house,plumbing,,25000,78704,PREMIUM,sales,sales-leads,PT5M,true,"
            + "premium: estimated value 25000 is at least 5000,,PT2H,70");
    assertThat(guard.check(Map.of("lead-routing.dmn", bytes(raised)), Map.of("lead-routing", casesNow)).problems())
        .as("cases sent with the table replace the saved ones").isEmpty();

    String rule7 = Tables.rule(routing(), "Rule_lead_routing_7");
    String shadowed = routing().replace(rule7, rule7 + "\n      " + rule7.replace("Rule_lead_routing_7", "Rule_lead_routing_extra"));
    assertThat(problems("lead-routing.dmn", shadowed)).anySatisfy(p -> {
      assertThat(p.rule()).startsWith("rule 8 (Rule_lead_routing_extra");
      assertThat(p.message()).isEqualTo("no acceptance case reaches this rule: add a case that it decides");
    });
  }

  @Test
  void casesMustBeReadableAndBelongToATableBeingDeployed() {
    assertThat(guard.check(Map.of("lead-routing.dmn", bytes(routing())), Map.of("lead-routing", "case,estimatedValue:number,expect.leadClass\n"
        + "big job,lots,PREMIUM\n", "lead-value-typo", "case,expect.valueBand\nx,PREMIUM\n")).problems())
        .extracting(DeployGuard.Problem::describe)
        .containsExactlyInAnyOrder("lead-value-typo: cases were sent for lead-value-typo, but no file of this deployment has that decision",
            "lead-routing: the acceptance cases (the cases sent with this deployment) cannot be used: line 2, column estimatedValue:number: "
                + "'lots' is not a number");
  }

  private List<DeployGuard.Problem> problems(String name, String xml) {
    return guard.check(Map.of(name, bytes(xml)), Map.of()).problems();
  }

  private List<String> messages(String routingXml) {
    return problems("lead-routing.dmn", routingXml).stream().map(DeployGuard.Problem::describe).toList();
  }
}
