package com.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadhandoff.ownership.OnCall;
import com.leadhandoff.process.TestLeads;
import com.leadhandoff.process.TestTeams;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Backtests on a known history: eight leads routed with the packaged table, one of them before
 * the period, replayed through candidates.
 */
@SpringBootTest
@DirtiesContext
@ActiveProfiles("test")
class BacktestTest {

  private static final ZoneId OFFICE = ZoneId.of("America/Chicago");
  private static final ZonedDateTime MONDAY = ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, OFFICE);

  @Autowired Backtest backtest;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired OnCall onCall;
  @Autowired JdbcTemplate jdbc;

  private static final Map<Integer, String> leads = new HashMap<>();

  @BeforeEach
  void history() {
    TestTeams.setUp(identityService, onCall, jdbc);
    if (runtimeService.createProcessInstanceQuery().count() > 0) {
      return;
    }
    route(1, MONDAY.minusDays(7), standard(4000));
    route(2, MONDAY, standard(1000));
    route(3, MONDAY.plusMinutes(10), standard(3500));
    route(4, MONDAY.plusMinutes(20), standard(4000));
    route(5, MONDAY.plusMinutes(30), standard(4500));
    route(6, MONDAY.plusMinutes(40), standard(6000));
    route(7, MONDAY.plusMinutes(50), TestLeads.emergencyLead());
    route(8, MONDAY.plusMinutes(60), TestLeads.roofingLead());
    Map<String, Object> chosenByTheOffice = new HashMap<>(TestLeads.roofingLead());
    chosenByTheOffice.put("classOverride", "PREMIUM");
    route(9, MONDAY.plusMinutes(70), chosenByTheOffice);
  }

  @AfterEach
  void clock() {
    ClockUtil.reset();
  }

  @Test
  void aLowerPremiumThresholdMovesTheLeadsBetweenItAndTheOldOneToSales() throws Exception {
    Backtest.Report report = backtest.run(RuleFile.parse("lead-routing.dmn", Tables.bytes(Tables.premiumFrom(3000))),
        MONDAY.toLocalDate().atStartOfDay(OFFICE).toInstant(), MONDAY.plusDays(1).toInstant());

    assertThat(report.leads()).as("the lead routed the week before is outside the period").isEqualTo(8);
    assertThat(report.replayed()).isEqualTo(8);
    assertThat(report.notReproducible()).as("the office's choice of class is replayed as it was").isZero();
    assertThat(report.changed()).isEqualTo(3);
    assertThat(report.changedClass()).isEqualTo(3);
    assertThat(report.changedOwner()).isEqualTo(3);
    assertThat(report.changedSla()).isEqualTo(3);
    assertThat(report.unchanged()).isEqualTo(5);
    assertThat(report.candidateFailed()).isZero();
    assertThat(report.routedWith()).containsExactly(Map.entry("lead-routing v1", 8));
    assertThat(report.moves()).containsExactly(new Backtest.Move("STANDARD to intake", "PREMIUM to sales", 3));
    assertThat(report.examples()).extracting(Backtest.Example::processInstanceId).containsExactly(leads.get(3), leads.get(4), leads.get(5));
    assertThat(report.examples().get(0)).satisfies(example -> {
      assertThat(example.before()).isEqualTo(new Backtest.Routing("STANDARD", "intake", "PT15M", "PT4H", true));
      assertThat(example.after()).isEqualTo(new Backtest.Routing("PREMIUM", "sales", "PT5M", "PT2H", true));
      assertThat(example.decidedBy()).startsWith("rule 7 (Rule_lead_routing_7");
      assertThat(example.note()).isEqualTo("premium: estimated value 3500 is at least 5000");
      assertThat(example.routedAt()).isEqualTo(MONDAY.plusMinutes(10).toInstant());
    });
  }

  @Test
  void leadsNoRuleOfTheCandidateMatchesAreCountedAsFailures() throws Exception {
    String withoutCatchAll = Tables.routing().replace(Tables.rule(Tables.routing(), "Rule_lead_routing_8"), "");

    Backtest.Report report = backtest.run(RuleFile.parse("lead-routing.dmn", Tables.bytes(withoutCatchAll)),
        MONDAY.minusDays(8).toInstant(), MONDAY.plusDays(1).toInstant());

    assertThat(report.leads()).isEqualTo(9);
    assertThat(report.candidateFailed()).as("every standard lead").isEqualTo(5);
    assertThat(report.changed()).isZero();
    assertThat(report.unchanged()).isEqualTo(4);
    assertThat(report.examples()).hasSize(3).allSatisfy(example -> {
      assertThat(example.after()).isNull();
      assertThat(example.note()).isEqualTo("no rule of the candidate matches: the lead would go to the office manager");
    });
  }

  private void route(int number, ZonedDateTime at, Map<String, Object> lead) {
    ClockUtil.setCurrentTime(Date.from(at.toInstant()));
    Map<String, Object> unique = new HashMap<>(lead);
    unique.put("phone", "512-555-01" + (10 + number));
    unique.put("email", "lead" + number + "@example.com");
    var instance = runtimeService.startProcessInstanceByKey("lead-handoff", unique);
    managementService.createJobQuery().processInstanceId(instance.getId()).list().forEach(job -> managementService.executeJob(job.getId()));
    assertThat(runtimeService.getVariable(instance.getId(), "routingVersion")).isEqualTo("lead-routing v1");
    leads.put(number, instance.getId());
  }

  private static Map<String, Object> standard(long estimatedValue) {
    Map<String, Object> lead = new HashMap<>(TestLeads.standardLead());
    lead.put("estimatedValue", estimatedValue);
    return lead;
  }
}
