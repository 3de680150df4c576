package com.leadhandoff.demo;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds a handful of realistic leads on the very first start, one for each path staff meet first:
 * an incomplete missed call, a poor fit, a premium quote, a standard repair, and, last so it tops
 * the queue, an emergency for the dispatcher.
 */
@Component
public class DemoDataGenerator {

  private static final Logger log = LoggerFactory.getLogger(DemoDataGenerator.class);

  private final DemoProperties demo;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final ManagementService managementService;

  public DemoDataGenerator(DemoProperties demo, RuntimeService runtimeService, HistoryService historyService,
      ManagementService managementService) {
    this.demo = demo;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.managementService = managementService;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(3)
  public void seedDemoLeads() {
    if (!demo.leads() || historyService.createHistoricProcessInstanceQuery().processDefinitionKey("lead-handoff").count() > 0) {
      return;
    }
    List<Map<String, Object>> leads = List.of(
        lead("missed-call", "demo-missed-1", 25, fields(
            "phone", "(512) 555-0117", "capturedBy", "missed-call recovery")),
        lead("web-form", "demo-web-7", 20, fields(
            "fullName", "Greg Olsen", "email", "greg.olsen@example.com", "phone", "512-555-0163",
            "addressLine1", "88 Ridge Road", "city", "Dripping Springs", "region", "TX", "postalCode", "78620",
            "serviceType", "roofing", "problem", "Need a new roof after the hail storm, shingles everywhere",
            "capturedBy", "website", "consentToContact", true)),
        lead("referral", "demo-ref-3", 15, fields(
            "fullName", "Tom Becker", "email", "tom@harborview-apartments.example", "phone", "+1 512 555 0188",
            "addressLine1", "1200 Harbor View Dr", "city", "Austin", "region", "TX", "postalCode", "78746",
            "serviceType", "plumbing", "problem", "Quote to re-pipe our 24 units building, copper is failing",
            "customerType", "commercial", "estimatedValue", 18000, "capturedBy", "csr", "consentToContact", true)),
        lead("web-form", "demo-web-8", 10, fields(
            "fullName", "Priya Natarajan", "email", "priya.n@example.com", "phone", "512.555.0142",
            "addressLine1", "4410 Avenue B", "city", "Austin", "region", "TX", "postalCode", "78751",
            "serviceType", "drain-cleaning", "problem", "Kitchen sink drains slowly, getting worse for a week",
            "preferredContactWindow", "weekdays after 4pm", "capturedBy", "website", "consentToContact", true)),
        lead("ai-receptionist", "demo-ai-42", 2, fields(
            "fullName", "Maria Lopez", "phone", "+1 (512) 555-0199", "email", "maria.lopez@example.com",
            "addressLine1", "2207 E 6th St", "city", "Austin", "region", "TX", "postalCode", "78702",
            "serviceType", "plumbing", "problem", "Burst pipe under the kitchen sink, water everywhere",
            "activeLoss", true, "capturedBy", "AI receptionist", "consentToContact", true)));
    for (Map<String, Object> lead : leads) {
      var instance = runtimeService.startProcessInstanceByKey("lead-handoff", (String) lead.get("externalId"), lead);
      routeNow(instance.getId());
    }
    log.info("Seeded {} demo leads; log in to Tasklist as 'dispatcher' / 'demo' to accept the emergency", leads.size());
  }

  private static Map<String, Object> fields(Object... namesAndValues) {
    Map<String, Object> fields = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }

  private static Map<String, Object> lead(String source, String externalId, int minutesAgo, Map<String, Object> fields) {
    Map<String, Object> lead = new HashMap<>(fields);
    lead.put("source", source);
    lead.put("externalId", externalId);
    lead.put("capturedAt", new Date(ClockUtil.getCurrentTime().getTime() - Duration.ofMinutes(minutesAgo).toMillis()));
    return lead;
  }

  /** Route each lead before starting the next, so task creation follows the order above. */
  private void routeNow(String processInstanceId) {
    for (var job : managementService.createJobQuery().processInstanceId(processInstanceId).executable().list()) {
      try {
        managementService.executeJob(job.getId());
      } catch (ProcessEngineException alreadyTakenByJobExecutor) {
        log.debug("Demo lead {} is being routed by the job executor", processInstanceId);
      }
    }
  }
}
