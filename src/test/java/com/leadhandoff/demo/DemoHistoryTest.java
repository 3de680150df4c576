package com.leadhandoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.leadhandoff.insights.Heatmap;
import com.leadhandoff.insights.Period;
import com.leadhandoff.ownership.OnCall;
import com.leadhandoff.process.TestTeams;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The demo's two weeks of worked leads leave nothing running, nothing to send, and the clock where it was. */
@SpringBootTest
@DirtiesContext
@ActiveProfiles("test")
class DemoHistoryTest {

  @Autowired DemoHistory history;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired OnCall onCall;
  @Autowired JdbcTemplate jdbc;
  @Autowired Heatmap heatmap;

  @Test
  void twoWeeksOfLeadsAreWorkedToTheirEndWithoutSendingAnything() {
    TestTeams.setUp(identityService, onCall, jdbc);

    int worked = history.generate();

    assertThat(worked).isBetween(45, 100);
    assertThat(ClockUtil.getCurrentTime().toInstant()).as("the engine's clock is back to now").isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("lead-handoff").count()).as("every past lead ended").isZero();
    assertThat(managementService.createJobQuery().count()).as("no timer or delivery left to fire").isZero();
    assertThat(jdbc.queryForObject("select count(*) from lh_notification", Long.class)).as("nothing of the past is sent").isZero();
    var steps = heatmap.steps(new Period(Instant.now().minus(Duration.ofDays(15)), Instant.now()), null);
    assertThat(steps).filteredOn(step -> step.activityId().equals("StartEvent_LeadCaptured")).singleElement()
        .extracting(Heatmap.Step::passed).isEqualTo((long) worked);
    assertThat(jdbc.queryForObject("select count(*) from lh_timeline where kind = 'DECLINED'", Long.class)).as("some leads were declined").isPositive();
  }
}
