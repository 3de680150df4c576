package com.leadhandoff.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.leadhandoff.lead.Timeline;
import com.leadhandoff.ownership.OnCall;
import com.leadhandoff.process.TestLeads;
import com.leadhandoff.process.TestTeams;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Escalations reach people: a real SMTP server (GreenMail) and a real HTTP endpoint on loopback
 * receive each step of an emergency's ladder, after the step's transaction commits, once each;
 * a failing webhook is retried and ends as an incident, and is delivered once when fixed. The test
 * profile's mail settings point nowhere; this test points the mail sender at its own server.
 */
@SpringBootTest
// Camunda registers its engine once per JVM: each class closes its context before the next starts one.
@DirtiesContext
@ActiveProfiles("test")
class NotificationDeliveryTest {

  private static final ZoneId OFFICE = ZoneId.of("America/Chicago");
  private static final ZonedDateTime TUESDAY_MORNING = ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, OFFICE);
  private static final GreenMail MAIL = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  private static WebhookReceiver hooks;

  static {
    MAIL.start();
  }

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired NotificationChannels channels;
  @Autowired NotificationOutbox outbox;
  @Autowired OnCall onCall;
  @Autowired JdbcTemplate jdbc;
  @Autowired Timeline timeline;
  @Autowired JavaMailSenderImpl mailSender;

  @BeforeEach
  void setUp() throws Exception {
    ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING.toInstant()));
    mailSender.setPort(MAIL.getSmtp().getPort());
    jdbc.update("delete from lh_open_contact");
    TestTeams.setUp(engine.getIdentityService(), onCall, jdbc);
    if (hooks == null) {
      hooks = new WebhookReceiver();
    }
    hooks.calls().clear();
    hooks.answer(200);
    MAIL.purgeEmailFromAllMailboxes();
    for (String person : List.of("dispatcher", "dispatch-lead", "manager")) {
      channels.replace(Recipient.user(person), List.of(
          new NotificationChannels.Channel(Recipient.user(person), NotificationChannels.Kind.EMAIL, person + "@example.com", Set.of()),
          new NotificationChannels.Channel(Recipient.user(person), NotificationChannels.Kind.WEBHOOK, hooks.url() + "?to=" + person, Set.of())));
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @AfterAll
  static void stopServers() {
    MAIL.stop();
    if (hooks != null) {
      hooks.close();
    }
  }

  @Test
  void everyStepOfAnEmergencysLadderReachesItsPersonByEmailAndWebhookOnce() throws Exception {
    ProcessInstance lead = capture();
    assertThat(pendingDeliveries()).as("nothing is sent inside the step's transaction").isEqualTo(2);
    assertThat(MAIL.getReceivedMessages()).isEmpty();

    deliverAll();
    assertDelivered("dispatcher", "New lead for you");

    ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING.plusMinutes(5).toInstant()));
    execute(job(lead, "BoundaryEvent_AcceptReminder"));
    deliverAll();
    assertDelivered("dispatcher", "Reminder: lead waiting");
    assertDelivered("dispatch-lead", "Reminder: lead waiting");

    ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING.plusMinutes(10).toInstant()));
    execute(job(lead, "BoundaryEvent_LevelTimeUp"));
    deliverAll();
    assertDelivered("dispatch-lead", "Escalated lead for you");

    ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING.plusMinutes(20).toInstant()));
    execute(job(lead, "BoundaryEvent_LevelTimeUp"));
    deliverAll();
    assertDelivered("manager", "Escalated lead for you");

    assertThat(MAIL.getReceivedMessages()).hasSize(5);
    assertThat(hooks.calls()).hasSize(5);
    assertThat(hooks.calls().stream().map(WebhookReceiver.Call::idempotencyKey).distinct()).hasSize(5);
    var payload = new ObjectMapper().readTree(hooks.calls().get(0).body());
    assertThat(payload.get("event").asText()).isEqualTo("ASSIGNED");
    assertThat(payload.get("leadProcessInstanceId").asText()).isEqualTo(lead.getId());
    assertThat(payload.get("text").asText()).contains("Maria Lopez").contains("+15125550199");
    assertThat(timeline.of(lead.getId()).stream().filter(e -> e.kind() == Timeline.Kind.NOTIFIED)).hasSize(10);

    String eventId = jdbc.queryForObject("select min(event_id) from lh_notification where process_instance_id = ?", String.class, lead.getId());
    runtimeService.startProcessInstanceByKey(Notifications.PROCESS, java.util.Map.of("notificationEventId", eventId));
    deliverAll();
    assertThat(MAIL.getReceivedMessages()).as("a delivery run again sends nothing twice").hasSize(5);
    assertThat(hooks.calls()).hasSize(5);
  }

  @Test
  void aFailingWebhookIsRetriedWithBackoffThenRaisesAnIncidentAndIsSentOnceWhenFixed() {
    hooks.answer(503);
    ProcessInstance lead = capture();

    Job delivery = webhookJob();
    int attempts = 0;
    while (delivery != null && delivery.getRetries() > 0) {
      Date before = ClockUtil.getCurrentTime();
      try {
        managementService.executeJob(delivery.getId());
      } catch (RuntimeException expected) {
        attempts++;
      }
      delivery = managementService.createJobQuery().jobId(delivery.getId()).singleResult();
      if (delivery.getRetries() > 0) {
        assertThat(delivery.getDuedate()).as("the next try waits").isAfter(before);
      }
    }
    assertThat(attempts).isEqualTo(6);
    var incident = runtimeService.createIncidentQuery().configuration(delivery.getId()).singleResult();
    assertThat(incident).as("an incident Cockpit shows").isNotNull();
    assertThat(incident.getIncidentMessage()).contains("the webhook answered HTTP 503");
    var row = outbox.ofLead(lead.getId()).stream().filter(d -> d.channel() == NotificationChannels.Kind.WEBHOOK).findFirst().orElseThrow();
    assertThat(row.attempts()).isEqualTo(6);
    assertThat(row.lastError()).contains("HTTP 503");
    assertThat(MAIL.getReceivedMessages()).as("the email is not held back by the webhook").hasSize(1);

    hooks.answer(204);
    managementService.setJobRetries(delivery.getId(), 1);
    managementService.executeJob(delivery.getId());
    assertThat(hooks.calls().stream().filter(c -> c.idempotencyKey().equals(row.id()))).hasSize(7);
    assertThat(outbox.find(row.id()).orElseThrow().status()).isEqualTo(NotificationOutbox.Status.SENT);
    assertThat(runtimeService.createIncidentQuery().configuration(delivery.getId()).count()).isZero();
  }

  @Test
  void aMissedFirstContactTellsTheOwnerAndTheEscalationGroupOnlyThroughTheEventsTheyChose() throws Exception {
    channels.replace(Recipient.group("dispatch-leads"), List.of(new NotificationChannels.Channel(Recipient.group("dispatch-leads"),
        NotificationChannels.Kind.WEBHOOK, hooks.url() + "?to=dispatch-leads", Set.of(NotificationEvent.MISSED_COMMITMENT))));
    channels.replace(Recipient.user("dispatcher"), List.of(new NotificationChannels.Channel(Recipient.user("dispatcher"),
        NotificationChannels.Kind.EMAIL, "dispatcher@example.com", Set.of(NotificationEvent.MISSED_COMMITMENT))));
    ProcessInstance lead = capture();
    deliverAll();
    assertThat(MAIL.getReceivedMessages()).as("the dispatcher chose missed commitments only").isEmpty();
    var accept = engine.getTaskService().createTaskQuery().processInstanceId(lead.getId()).singleResult();
    engine.getTaskService().complete(accept.getId(), java.util.Map.of("acceptDecision", "accept", "contextConfirmed", true,
        "nextAction", "Call back", "firstContactAt", TUESDAY_MORNING.plusMinutes(10).toOffsetDateTime().toString()));
    ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING.plusMinutes(10).toInstant()));

    execute(job(lead, "BoundaryEvent_FirstContactMissed"));
    deliverAll();

    assertThat(MAIL.getReceivedMessages()).hasSize(1);
    assertThat(MAIL.getReceivedMessages()[0].getSubject()).startsWith("Missed first contact");
    assertThat(hooks.calls()).hasSize(1);
    assertThat(hooks.calls().get(0).body()).contains("\"event\":\"MISSED_COMMITMENT\"", "\"recipient\":\"team dispatch-leads\"");
  }

  @Test
  void aJoinedInquiryTellsThePersonHoldingTheLead() throws Exception {
    ProcessInstance lead = capture();
    deliverAll();
    MAIL.purgeEmailFromAllMailboxes();
    hooks.calls().clear();

    runtimeService.createMessageCorrelation("lead-inquiry-joined").processInstanceId(lead.getId())
        .setVariableToTriggeredScope("joinedInquiryId", storeInquiry(lead)).correlate();
    execute(job(lead, "ServiceTask_RecordJoinedInquiry"));
    deliverAll();

    assertDelivered("dispatcher", "Same customer got in touch again");
    assertThat(MAIL.getReceivedMessages()[0].getContent().toString()).contains("The water is now coming through the ceiling too");
  }

  /** An inquiry as the intake API would have stored it for the lead. */
  private String storeInquiry(ProcessInstance lead) {
    String leadId = java.util.UUID.randomUUID().toString();
    String inquiryId = java.util.UUID.randomUUID().toString();
    jdbc.update("insert into lh_lead (id, process_instance_id, source, captured_at) values (?, ?, 'call', ?)", leadId, lead.getId(),
        TUESDAY_MORNING.toOffsetDateTime());
    jdbc.update("insert into lh_inquiry (id, lead_id, source, status, received_at, received_by, payload) values (?, ?, 'call', 'JOINED', ?, 'test', ?)",
        inquiryId, leadId, TUESDAY_MORNING.toOffsetDateTime(),
        "{\"source\":\"call\",\"phone\":\"+15125550199\",\"problem\":\"The water is now coming through the ceiling too\"}");
    return inquiryId;
  }

  private ProcessInstance capture() {
    ProcessInstance lead = runtimeService.startProcessInstanceByKey("lead-handoff", TestLeads.emergencyLead());
    execute(managementService.createJobQuery().processInstanceId(lead.getId()).singleResult());
    return lead;
  }

  private long pendingDeliveries() {
    return managementService.createJobQuery().processDefinitionKey(Notifications.PROCESS).count();
  }

  private Job webhookJob() {
    for (Job job : managementService.createJobQuery().processDefinitionKey(Notifications.PROCESS).list()) {
      String id = (String) runtimeService.getVariable(job.getExecutionId(), "notificationId");
      if (outbox.find(id).orElseThrow().channel() == NotificationChannels.Kind.WEBHOOK) {
        return job;
      }
      execute(job);
    }
    return null;
  }

  private void deliverAll() {
    List<Job> jobs;
    while (!(jobs = managementService.createJobQuery().processDefinitionKey(Notifications.PROCESS).list()).isEmpty()) {
      jobs.forEach(this::execute);
    }
  }

  private void assertDelivered(String person, String subject) throws Exception {
    boolean mailed = false;
    for (MimeMessage message : MAIL.getReceivedMessages()) {
      if (message.getAllRecipients()[0].toString().equals(person + "@example.com") && message.getSubject().startsWith(subject)) {
        mailed = true;
      }
    }
    assertThat(mailed).as("email '%s' to %s", subject, person).isTrue();
    assertThat(hooks.calls()).as("webhook '%s' to %s", subject, person)
        .anyMatch(call -> call.body().contains("\"subject\":\"" + subject));
  }

  private Job job(ProcessInstance lead, String activityId) {
    return managementService.createJobQuery().processInstanceId(lead.getId()).activityId(activityId).singleResult();
  }

  private void execute(Job job) {
    managementService.executeJob(job.getId());
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
