package com.leadhandoff.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.leadhandoff.intake.InquiryReader;
import com.leadhandoff.intake.LeadIntake;
import com.leadhandoff.intake.LeadStore;
import com.leadhandoff.ownership.OnCall;
import com.leadhandoff.process.TestLeads;
import com.leadhandoff.process.TestTeams;
import java.net.ServerSocket;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Heatmap, health and the weekly review on a known history: seven leads of week 2026-W47 at set
 * times (two emergencies accepted after 3 and 8 minutes, two standard leads after 20 minutes
 * with a decline and after 10, a premium its source captured 10 minutes before posting it and
 * accepted 4 minutes after, a poor fit, a standard lead nobody accepted), one the week before;
 * exact counts and percentiles are worked out by hand below.
 */
@SpringBootTest
@DirtiesContext
@ActiveProfiles("test")
class InsightsTest {

  private static final ZoneId OFFICE = ZoneId.of("America/Chicago");
  private static final ZonedDateTime MONDAY = ZonedDateTime.of(2026, 11, 16, 0, 0, 0, 0, OFFICE);
  private static final GreenMail MAIL = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @Autowired Heatmap heatmap;
  @Autowired Health health;
  @Autowired LeadFacts facts;
  @Autowired KeptLeadFacts keptFacts;
  @Autowired WeeklyReview review;
  @Autowired WeeklyReviews reviews;
  @Autowired LeadIntake intake;
  @Autowired InquiryReader reader;
  @Autowired LeadStore store;
  @Autowired ObjectMapper json;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired OnCall onCall;
  @Autowired JdbcTemplate jdbc;
  @Autowired JavaMailSenderImpl mailSender;

  private static boolean worked;

  @BeforeAll
  static void mailbox() {
    MAIL.start();
  }

  @AfterAll
  static void closeMailbox() {
    MAIL.stop();
  }

  @BeforeEach
  void history() {
    mailSender.setPort(MAIL.getSmtp().getPort());
    if (worked) {
      return;
    }
    TestTeams.setUp(identityService, onCall, jdbc);
    jdbc.update("delete from lh_open_contact");
    var manager = identityService.createUserQuery().userId("manager").singleResult();
    manager.setEmail("manager@example.com");
    identityService.saveUser(manager);

    String emergency1 = capture(emergency(1), MONDAY.withHour(10));
    accept(emergency1, MONDAY.withHour(10).plusMinutes(3));
    contact(emergency1, MONDAY.withHour(10).plusMinutes(6));

    String emergency2 = capture(emergency(2), MONDAY.withHour(11));
    accept(emergency2, MONDAY.withHour(11).plusMinutes(8));
    contact(emergency2, MONDAY.withHour(11).plusMinutes(10));

    ZonedDateTime tuesday = MONDAY.plusDays(1);
    String declined = capture(standard(3, 400), tuesday.withHour(9));
    decline(declined, tuesday.withHour(9).plusMinutes(5));
    accept(declined, tuesday.withHour(9).plusMinutes(20));
    contact(declined, tuesday.withHour(9).plusMinutes(40));

    String standard = capture(standard(4, 500), tuesday.withHour(10));
    accept(standard, tuesday.withHour(10).plusMinutes(10));
    contact(standard, tuesday.withHour(11).plusMinutes(30));

    ZonedDateTime wednesday = MONDAY.plusDays(2);
    Map<String, Object> premium = new HashMap<>(TestLeads.premiumLead());
    unique(premium, 5);
    premium.put("capturedAt", wednesday.withHour(8).withMinute(50).toOffsetDateTime().toString());
    String premiumLead = capture(premium, wednesday.withHour(9));
    accept(premiumLead, wednesday.withHour(9).plusMinutes(4));
    contact(premiumLead, wednesday.withHour(9).plusMinutes(12));

    Map<String, Object> roof = new HashMap<>(TestLeads.roofingLead());
    unique(roof, 6);
    String poorFit = capture(roof, wednesday.withHour(10));
    at(wednesday.withHour(10).plusMinutes(30));
    Task review = taskService.createTaskQuery().processInstanceId(poorFit).singleResult();
    taskService.claim(review.getId(), "office-manager");
    taskService.complete(review.getId(), Map.of("poorFitDecision", "decline", "referralNote", "A roofer we trust"));

    capture(standard(8, 700), MONDAY.plusDays(3).withHour(9));

    String lastWeek = capture(standard(7, 600), MONDAY.minusDays(7).withHour(10));
    accept(lastWeek, MONDAY.minusDays(7).withHour(10).plusMinutes(5));
    contact(lastWeek, MONDAY.minusDays(7).withHour(10).plusMinutes(20));

    String leadId = jdbc.queryForObject("select id from lh_lead where process_instance_id = ?", String.class, standard);
    jdbc.update("insert into lh_inquiry (id, lead_id, source, external_id, status, received_at, received_by, payload) values (?, ?, ?, ?, ?, ?, ?, ?)",
        "joined-1", leadId, "call", "joined-call-1", "JOINED_EXISTING", tuesday.withHour(10).plusMinutes(2).toOffsetDateTime(), "test", "{}");
    at(MONDAY.plusDays(7).withHour(6));
    worked = true;
  }

  @AfterEach
  void clock() {
    at(MONDAY.plusDays(7).withHour(6));
  }

  @Test
  void theHeatmapCountsEveryStepAndWorksOutTheWaitsInTheDatabase() {
    var steps = heatmap.steps(week(), null);
    var accept = steps.stream().filter(s -> s.activityId().equals("UserTask_AcceptLead")).findFirst().orElseThrow();
    // per lead that moved on: 180, 480, 300 + 900 (declined, then taken by the next person), 600, 240 seconds; one still waits
    assertThat(accept.passed()).as("leads, not visits").isEqualTo(6);
    assertThat(accept.waiting()).isOne();
    assertThat(accept.medianSeconds()).isCloseTo(480.0, within(1e-6));
    assertThat(accept.p90Seconds()).as("percentile_cont in the database: 600 + 0.6 * 600").isCloseTo(960.0, within(1e-6));
    assertThat(steps).filteredOn(s -> s.activityId().equals("StartEvent_LeadCaptured")).singleElement()
        .extracting(Heatmap.Step::passed).isEqualTo(7L);

    var emergencies = heatmap.steps(week(), "EMERGENCY").stream().filter(s -> s.activityId().equals("UserTask_AcceptLead")).findFirst().orElseThrow();
    assertThat(emergencies.passed()).isEqualTo(2);
    assertThat(emergencies.medianSeconds()).isCloseTo(330.0, within(1e-6));
  }

  @Test
  void healthFiguresAreColouredByTheHandoffHealthTable() {
    Map<String, Health.Figure> figures = new HashMap<>();
    for (Health.Figure figure : health.of(week()).figures()) {
      figures.put(figure.metric() + "/" + (figure.leadClass() == null ? "" : figure.leadClass()) + (figure.person() == null ? "" : figure.person()), figure);
    }
    assertThat(figures.get("medianAcceptMinutes/EMERGENCY")).extracting(Health.Figure::value, Health.Figure::colour).containsExactly(5.5, "watch");
    assertThat(figures.get("p90AcceptMinutes/EMERGENCY")).extracting(Health.Figure::value, Health.Figure::colour).containsExactly(7.5, "green");
    assertThat(figures.get("medianAcceptMinutes/STANDARD")).extracting(Health.Figure::value, Health.Figure::colour).containsExactly(15.0, "green");
    assertThat(figures.get("p90AcceptMinutes/STANDARD")).extracting(Health.Figure::value, Health.Figure::colour).containsExactly(19.0, "green");
    assertThat(figures.get("medianAcceptMinutes/PREMIUM")).as("from when its source captured it")
        .extracting(Health.Figure::value, Health.Figure::colour).containsExactly(14.0, "watch");
    // due by now: five accepted (three in time) and one still waiting past its deadline
    assertThat(figures.get("acceptedWithinSlaShare/")).extracting(Health.Figure::value, Health.Figure::colour).containsExactly(0.5, "red");
    assertThat(figures.get("unownedPastSlaNow/")).extracting(Health.Figure::value, Health.Figure::colour).containsExactly(1.0, "watch");
    assertThat(figures.get("joinedDuplicates/")).extracting(Health.Figure::value, Health.Figure::colour).containsExactly(1.0, "green");
    assertThat(figures.get("neverContacted/")).extracting(Health.Figure::value, Health.Figure::colour).containsExactly(0.0, "green");
    assertThat(figures.get("declinesPerOwner/csr")).extracting(Health.Figure::value, Health.Figure::colour).containsExactly(1.0, "green");
    assertThat(figures.get("medianAcceptMinutes/EMERGENCY").note()).isEqualTo("Emergencies: the median lead waits over 5 minutes");
  }

  @Test
  void theWeeklyReviewBandsSpeedToLeadAndListsTheBreaches() {
    var built = review.build("2026-W47", OFFICE, ClockUtil.getCurrentTime().toInstant());

    assertThat(built.leads()).isEqualTo(7);
    // capture to first contact: 6 and 10 minutes (emergencies), 40, 90 and none (standard), 22 (premium), none (poor fit)
    assertThat(built.byClass().get("EMERGENCY")).containsExactly(0, 2, 0, 0, 0);
    assertThat(built.byClass().get("STANDARD")).containsExactly(0, 0, 1, 1, 1);
    assertThat(built.byClass().get("PREMIUM")).containsExactly(0, 0, 1, 0, 0);
    assertThat(built.byClass().get("POOR_FIT")).containsExactly(0, 0, 0, 0, 1);
    assertThat(built.breaches()).extracting(WeeklyReview.Breach::leadClass).containsExactlyInAnyOrder("EMERGENCY", "STANDARD", "STANDARD");
    assertThat(built.breaches()).filteredOn(b -> b.acceptedAt() == null).hasSize(1);
    assertThat(built.declinesByReason()).containsExactly(Map.entry("no-capacity", 1L));
    // first contact after acceptance: 3, 2, 20, 80 and 8 minutes, so 90% within 20 + 0.6 * 60 = 56 minutes; the poor-fit review took 30
    assertThat(built.longestWaits()).extracting(Heatmap.Step::activityId)
        .containsExactly("UserTask_RecordFirstContact", "UserTask_ReviewPoorFit", "UserTask_AcceptLead");
    assertThat(built.longestWaits().get(0).p90Seconds()).isCloseTo(56 * 60.0, within(1e-6));
    assertThat(built.weekOverWeek().get(0)).isEqualTo(new WeeklyReview.Change("Leads captured", 7.0, 1.0, true));

    String csv = review.csv(built);
    assertThat(csv).contains("speed to lead by class,EMERGENCY,5-15 min,2\n", "declines by reason,no-capacity,declines,1\n",
        "week over week,Leads captured,last week,1\n");
    String html = review.html(built, OFFICE);
    assertThat(html).contains("<h1>Lead handoff weekly review 2026-W47</h1>", "Mon 16 Nov 2026 to Sun 22 Nov 2026", "<svg role=\"img\"");
  }

  @Test
  void lastWeeksReviewIsKeptOnceAndMailedToTheManagers() throws Exception {
    var kept = reviews.keep("2026-W47");
    assertThat(kept).isPresent();
    assertThat(kept.get().mailedTo()).isEqualTo("manager@example.com");
    assertThat(reviews.keep("2026-W47")).as("kept once, whichever node asks").isEmpty();

    var messages = MAIL.getReceivedMessages();
    assertThat(messages).hasSize(1);
    assertThat(messages[0].getSubject()).isEqualTo("Lead handoff weekly review 2026-W47");
    assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(messages[0])).contains("weekly-review-2026-W47.csv");
    assertThat(reviews.get("2026-W47").html()).isEqualTo(kept.get().html());
  }

  @Test
  void eachLeadKeepsAsItEndsTheFactsThatHistoryGives() {
    String ofWeek = "select f.* from lh_lead_fact f join act_hi_procinst p on p.id_ = f.process_instance_id"
        + " where p.start_time_ >= ? and p.start_time_ < ? order by f.process_instance_id";
    Object[] window = {week().fromTimestamp(), week().toTimestamp()};
    List<Map<String, Object>> rows = jdbc.queryForList(ofWeek, window);
    List<LeadFacts.Lead> kept = facts.of(week());
    var keptHealth = health.of(week()).figures();
    // six of the week's seven leads ended (five contacted, the poor fit declined); one still waits for acceptance
    assertThat(rows).hasSize(6);
    assertThat(kept).filteredOn(l -> l.endedAt() != null).hasSize(6);
    LeadFacts.Lead premium = kept.stream().filter(l -> "PREMIUM".equals(l.leadClass())).findFirst().orElseThrow();
    assertThat(premium.minutesToAccept()).as("from the capture time its source gave").isEqualTo(14.0);
    assertThat(premium.acceptedBy()).as("premium leads go to the estimators").isEqualTo("estimator");
    assertThat(premium.minutesToContact()).isEqualTo(22.0);
    assertThat(premium.acceptDue()).isNotNull();
    assertThat(premium.source()).isNotNull();
    assertThat(premium.ownerGroup()).isNotNull();

    jdbc.update("delete from lh_lead_fact where process_instance_id in (select p.id_ from act_hi_procinst p"
        + " where p.start_time_ >= ? and p.start_time_ < ?)", window);
    assertThat(facts.of(week())).as("read from history and the timeline instead").containsExactlyElementsOf(kept);
    assertThat(health.of(week()).figures()).containsExactlyElementsOf(keptHealth);

    assertThat(keptFacts.keepEndedLeads()).as("the ended leads without a row get it").isGreaterThanOrEqualTo(6);
    assertThat(jdbc.queryForList(ofWeek, window)).as("as the end listener kept them").isEqualTo(rows);
    assertThat(keptFacts.keepEndedLeads()).isZero();
  }

  private Period week() {
    return WeeklyReview.period("2026-W47", OFFICE);
  }

  private String capture(Map<String, Object> fields, ZonedDateTime at) {
    at(at);
    var receipt = intake.capture(reader.read(json.valueToTree(fields)), "test");
    String lead = store.lead(receipt.leadId()).orElseThrow().processInstanceId();
    managementService.createJobQuery().processInstanceId(lead).list().forEach(job -> managementService.executeJob(job.getId()));
    return lead;
  }

  private void accept(String lead, ZonedDateTime at) {
    at(at);
    Task task = taskService.createTaskQuery().processInstanceId(lead).taskDefinitionKey("UserTask_AcceptLead").singleResult();
    if (task.getAssignee() == null) {
      taskService.claim(task.getId(), "office-manager");
    }
    taskService.complete(task.getId(), Map.of("acceptDecision", "accept", "contextConfirmed", true, "nextAction", "Call",
        "firstContactAt", at.plusMinutes(5).toOffsetDateTime().toString()));
  }

  private void decline(String lead, ZonedDateTime at) {
    at(at);
    Task task = taskService.createTaskQuery().processInstanceId(lead).taskDefinitionKey("UserTask_AcceptLead").singleResult();
    assertThat(task.getAssignee()).isEqualTo("csr");
    taskService.complete(task.getId(), Map.of("acceptDecision", "decline", "declineReasonCode", "no-capacity", "declineReason", "Full day"));
  }

  private void contact(String lead, ZonedDateTime at) {
    at(at);
    Task task = taskService.createTaskQuery().processInstanceId(lead).taskDefinitionKey("UserTask_RecordFirstContact").singleResult();
    taskService.complete(task.getId(), Map.of("contactOutcome", "booked", "appointmentAt", at.plusDays(1).toOffsetDateTime().toString(),
        "contactNotes", "Booked"));
  }

  private static Map<String, Object> emergency(int number) {
    Map<String, Object> lead = new HashMap<>(TestLeads.emergencyLead());
    unique(lead, number);
    return lead;
  }

  private static Map<String, Object> standard(int number, int value) {
    Map<String, Object> lead = new HashMap<>(TestLeads.standardLead());
    unique(lead, number);
    lead.put("estimatedValue", value);
    return lead;
  }

  private static void unique(Map<String, Object> lead, int number) {
    lead.put("phone", "512-555-02" + (10 + number));
    lead.put("email", "insights" + number + "@example.com");
    lead.put("externalId", "insights-" + number);
    lead.put("address", Map.of("line1", number + " Main St", "postalCode", "78704"));
    lead.remove("addressLine1");
    lead.remove("postalCode");
  }

  private static void at(ZonedDateTime moment) {
    ClockUtil.setCurrentTime(Date.from(moment.toInstant()));
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

}
