package com.leadhandoff.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadhandoff.escalation.BusinessHoursProperties;
import com.leadhandoff.intake.InquiryReader;
import com.leadhandoff.intake.LeadIntake;
import com.leadhandoff.intake.LeadStore;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Two weeks of worked leads before the demo's first start, so the insights have something to
 * show: leads come in on business days (emergencies at any hour), are routed, sometimes declined,
 * accepted after a realistic wait (now and then past the SLA), contacted and closed. The engine's
 * clock is set to each moment in turn while the job executor is paused; notifications of this past
 * are dropped, not sent. Deterministic (a fixed seed), so every demo looks the same.
 */
@Component
public class DemoHistory {

  private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
  private static final int DAYS = 14;

  private final LeadIntake intake;
  private final InquiryReader reader;
  private final LeadStore store;
  private final ObjectMapper json;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final IdentityService identityService;
  private final ProcessEngineConfiguration configuration;
  private final JdbcTemplate jdbc;
  private final BusinessHoursProperties businessHours;

  public DemoHistory(LeadIntake intake, InquiryReader reader, LeadStore store, ObjectMapper json, RuntimeService runtimeService,
      TaskService taskService, ManagementService managementService, IdentityService identityService, ProcessEngineConfiguration configuration,
      JdbcTemplate jdbc, BusinessHoursProperties businessHours) {
    this.intake = intake;
    this.reader = reader;
    this.store = store;
    this.json = json;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.managementService = managementService;
    this.identityService = identityService;
    this.configuration = configuration;
    this.jdbc = jdbc;
    this.businessHours = businessHours;
  }

  /** Works the past two weeks' leads; returns how many. */
  public int generate() {
    var jobExecutor = ((ProcessEngineConfigurationImpl) configuration).getJobExecutor();
    boolean running = jobExecutor != null && jobExecutor.isActive();
    if (running) {
      jobExecutor.shutdown();
    }
    Random random = new Random(20261124);
    List<String> leads = new ArrayList<>();
    try {
      LocalDate today = LocalDate.now(businessHours.zone());
      for (int daysAgo = DAYS; daysAgo >= 1; daysAgo--) {
        LocalDate day = today.minusDays(daysAgo);
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        int count = weekend ? 1 : 4 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
          int minute = 8 * 60 + 5 + random.nextInt(7 * 60);
          ZonedDateTime at = day.atStartOfDay(businessHours.zone()).plusMinutes(minute);
          String kind = weekend ? "emergency" : pick(random);
          int number = leads.size();
          try {
            leads.add(work(kind, at, number, random));
          } catch (RuntimeException failed) {
            log.warn("Demo history lead {} ({}) could not be worked; the demo goes on without it", number, kind, failed);
            leads.add(null);
          }
        }
      }
    } finally {
      ClockUtil.reset();
      dropNotifications(leads);
      if (running) {
        jobExecutor.start();
      }
    }
    long worked = leads.stream().filter(lead -> lead != null).count();
    log.info("Worked {} demo leads of the past {} days, for the insights", worked, DAYS);
    return (int) worked;
  }

  private static String pick(Random random) {
    int roll = random.nextInt(100);
    return roll < 20 ? "emergency" : roll < 40 ? "premium" : roll < 90 ? "standard" : "poor-fit";
  }

  /** One lead from capture to its end; returns its process instance id. */
  private String work(String kind, ZonedDateTime capturedAt, int number, Random random) {
    at(capturedAt);
    var receipt = intake.capture(reader.read(json.valueToTree(lead(kind, number, capturedAt))), "demo");
    String lead = store.lead(receipt.leadId()).orElseThrow().processInstanceId();
    runJobs(lead);
    if (kind.equals("poor-fit")) {
      ZonedDateTime reviewed = capturedAt.plusMinutes(20 + random.nextInt(90));
      at(reviewed);
      Task review = taskService.createTaskQuery().processInstanceId(lead).taskDefinitionKey("UserTask_ReviewPoorFit").singleResult();
      if (review != null) {
        taskService.claim(review.getId(), "office-manager");
        taskService.complete(review.getId(), Map.of("poorFitDecision", "decline", "referralNote", "Referred to a roofing partner"));
      }
      return lead;
    }
    int wait = switch (kind) {
      case "emergency" -> 1 + random.nextInt(6);
      case "premium" -> 1 + random.nextInt(9);
      default -> 2 + random.nextInt(24);
    };
    ZonedDateTime now = capturedAt;
    if (!kind.equals("emergency") && random.nextInt(100) < 15) {
      now = now.plusMinutes(1 + random.nextInt(Math.max(1, wait - 1)));
      at(now);
      Task offered = acceptTask(lead);
      if (offered != null && offered.getAssignee() != null) {
        String[] reasons = {"no-capacity", "outside-skills", "unavailable"};
        taskService.complete(offered.getId(), Map.of("acceptDecision", "decline", "declineReasonCode", reasons[random.nextInt(reasons.length)],
            "declineReason", "Booked solid today"));
      }
    }
    now = capturedAt.plusMinutes(Math.max(wait, (int) Duration.between(capturedAt, now).toMinutes() + 1));
    at(now);
    Task accept = acceptTask(lead);
    if (accept == null) {
      return lead;
    }
    if (accept.getAssignee() == null) {
      taskService.claim(accept.getId(), someoneIn(accept));
    }
    taskService.complete(accept.getId(), Map.of("acceptDecision", "accept", "contextConfirmed", true, "nextAction", "Call to book a visit",
        "firstContactAt", now.plusMinutes(5).toOffsetDateTime().toString()));
    ZonedDateTime called = now.plusMinutes(1 + random.nextInt(kind.equals("emergency") ? 4 : 30));
    at(called);
    Task contact = taskService.createTaskQuery().processInstanceId(lead).taskDefinitionKey("UserTask_RecordFirstContact").singleResult();
    if (contact != null) {
      int outcome = random.nextInt(10);
      Map<String, Object> form = new HashMap<>();
      if (outcome < 7) {
        form.put("contactOutcome", "booked");
        form.put("appointmentAt", called.plusDays(1).withHour(9).withMinute(0).toOffsetDateTime().toString());
        form.put("contactNotes", "Visit booked");
      } else if (outcome < 9) {
        form.put("contactOutcome", "follow-up");
        form.put("followUpOn", called.toLocalDate().plusDays(7).toString());
        form.put("contactNotes", "Wants a call back next week");
      } else {
        form.put("contactOutcome", "not-a-fit");
        form.put("notFitReason", "Wants parts only");
        form.put("contactNotes", "Sent to a supply store");
      }
      taskService.complete(contact.getId(), form);
    }
    return lead;
  }

  private Task acceptTask(String lead) {
    return taskService.createTaskQuery().processInstanceId(lead).taskDefinitionKey("UserTask_AcceptLead").singleResult();
  }

  private String someoneIn(Task task) {
    for (var link : taskService.getIdentityLinksForTask(task.getId())) {
      if (link.getGroupId() != null) {
        var member = identityService.createUserQuery().memberOfGroup(link.getGroupId()).listPage(0, 1);
        if (!member.isEmpty()) {
          return member.get(0).getId();
        }
      }
    }
    return "manager";
  }

  private void runJobs(String processInstanceId) {
    for (int round = 0; round < 5; round++) {
      var jobs = managementService.createJobQuery().processInstanceId(processInstanceId).executable().list().stream()
          .filter(job -> job.getDuedate() == null || !job.getDuedate().after(ClockUtil.getCurrentTime())).toList();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  /** The messages this past would have sent are not sent now: their deliveries and outbox rows go. */
  private void dropNotifications(List<String> leads) {
    for (String lead : leads) {
      if (lead != null) {
        jdbc.update("delete from lh_notification where process_instance_id = ?", lead);
      }
    }
    var deliveries = runtimeService.createProcessInstanceQuery().processDefinitionKey("notify-people").list().stream()
        .map(instance -> instance.getId()).toList();
    if (!deliveries.isEmpty()) {
      runtimeService.deleteProcessInstances(deliveries, "demo history: not delivered", true, true);
    }
  }

  private static void at(ZonedDateTime moment) {
    ClockUtil.setCurrentTime(Date.from(moment.toInstant()));
  }

  private static final String[][] PEOPLE = {{"Alex Moreno", "78704"}, {"Jamie Chen", "78745"}, {"Robin Patel", "78702"},
      {"Casey Nguyen", "78751"}, {"Morgan Blake", "78613"}, {"Taylor Brooks", "78741"}, {"Jordan Reyes", "78701"}, {"Riley Kim", "78746"}};

  private static Map<String, Object> lead(String kind, int number, ZonedDateTime capturedAt) {
    String[] person = PEOPLE[number % PEOPLE.length];
    Map<String, Object> lead = new HashMap<>();
    String[] sources = {"web-form", "call", "ai-receptionist", "booking", "referral"};
    lead.put("source", kind.equals("emergency") ? (number % 2 == 0 ? "call" : "ai-receptionist") : sources[number % sources.length]);
    lead.put("externalId", "demo-history-" + number);
    lead.put("capturedAt", capturedAt.toOffsetDateTime().toString());
    lead.put("fullName", person[0]);
    lead.put("phone", String.format("+1512555%04d", 2000 + number));
    lead.put("email", "history" + number + "@example.com");
    lead.put("consentToContact", true);
    lead.put("address", Map.of("line1", (100 + number) + " Oak St", "city", "Austin", "region", "TX", "postalCode", person[1]));
    switch (kind) {
      case "emergency" -> {
        lead.put("serviceType", "plumbing");
        lead.put("problem", "Water pouring from the ceiling");
        lead.put("activeLoss", true);
      }
      case "premium" -> {
        lead.put("serviceType", "plumbing");
        lead.put("problem", "Quote to re-pipe the whole house");
        lead.put("estimatedValue", 6000 + 500 * (number % 10));
      }
      case "poor-fit" -> {
        lead.put("serviceType", "roofing");
        lead.put("problem", "Need a new roof after the storm");
      }
      default -> {
        lead.put("serviceType", number % 2 == 0 ? "drain-cleaning" : "water-heater");
        lead.put("problem", number % 2 == 0 ? "Slow kitchen drain" : "Water heater makes noise");
        lead.put("estimatedValue", 300 + 150 * (number % 20));
      }
    }
    return lead;
  }
}
