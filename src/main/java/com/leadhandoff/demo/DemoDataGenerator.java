package com.leadhandoff.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadhandoff.intake.InquiryReader;
import com.leadhandoff.intake.LeadIntake;
import com.leadhandoff.intake.LeadStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds a handful of realistic leads on the very first start, one for each path staff meet first:
 * an incomplete missed call, a poor fit, a premium quote, a standard repair, a standard job just under the
 * premium threshold (what a routing backtest of a lower threshold moves), and, last so it tops
 * the queue, an emergency for the dispatcher. They come in through the intake API's own service,
 * exactly as a source system's leads would.
 */
@Component
public class DemoDataGenerator {

  private static final Logger log = LoggerFactory.getLogger(DemoDataGenerator.class);

  private final DemoProperties demo;
  private final HistoryService historyService;
  private final ManagementService managementService;
  private final InquiryReader reader;
  private final LeadIntake intake;
  private final DemoHistory history;
  private final LeadStore store;
  private final ObjectMapper json;

  public DemoDataGenerator(DemoProperties demo, HistoryService historyService, ManagementService managementService,
      InquiryReader reader, LeadIntake intake, LeadStore store, ObjectMapper json, DemoHistory history) {
    this.history = history;
    this.demo = demo;
    this.historyService = historyService;
    this.managementService = managementService;
    this.reader = reader;
    this.intake = intake;
    this.store = store;
    this.json = json;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(3)
  public void seedDemoLeads() {
    if (!demo.leads() || historyService.createHistoricProcessInstanceQuery().processDefinitionKey("lead-handoff").count() > 0) {
      return;
    }
    if (demo.history()) {
      history.generate();
    }
    List<Map<String, Object>> leads = List.of(
        lead("missed-call", "demo-missed-1", 25, fields(
            "phone", "(512) 555-0117", "capturedBy", "missed-call recovery")),
        lead("web-form", "demo-web-7", 20, fields(
            "fullName", "Greg Olsen", "email", "greg.olsen@example.com", "phone", "512-555-0163",
            "address", address("88 Ridge Road", "Dripping Springs", "TX", "78620"),
            "serviceType", "roofing", "problem", "Need a new roof after the hail storm, shingles everywhere",
            "capturedBy", "website", "consentToContact", true)),
        lead("referral", "demo-ref-3", 15, fields(
            "fullName", "Tom Becker", "email", "tom@harborview-apartments.com", "phone", "+1 512 555 0188",
            "address", address("1200 Harbor View Dr", "Austin", "TX", "78746"),
            "serviceType", "plumbing", "problem", "Quote to re-pipe our 24 units building, copper is failing",
            "customerType", "commercial", "estimatedValue", 18000, "capturedBy", "csr", "consentToContact", true)),
        lead("web-form", "demo-web-8", 10, fields(
            "fullName", "Priya Natarajan", "email", "priya.n@example.com", "phone", "512.555.0142",
            "address", address("4410 Avenue B", "Austin", "TX", "78751"),
            "serviceType", "drain-cleaning", "problem", "Kitchen sink drains slowly, getting worse for a week",
            "preferredContactWindow", "weekdays after 4pm", "capturedBy", "website", "consentToContact", true)),
        lead("web-form", "demo-web-9", 6, fields(
            "fullName", "Dan Whitfield", "email", "dan.whitfield@example.com", "phone", "512-555-0175",
            "address", address("3105 Clawson Rd", "Austin", "TX", "78704"),
            "serviceType", "water-heater", "problem", "Replace our 50-gallon water heater before it fails, quoted about 4000",
            "estimatedValue", 4000, "capturedBy", "website", "consentToContact", true)),
        lead("ai-receptionist", "demo-ai-42", 2, fields(
            "fullName", "Maria Lopez", "phone", "+1 (512) 555-0199", "email", "maria.lopez@example.com",
            "address", address("2207 E 6th St", "Austin", "TX", "78702"),
            "serviceType", "plumbing", "problem", "Burst pipe under the kitchen sink, water everywhere",
            "activeLoss", true, "capturedBy", "AI receptionist", "consentToContact", true)));
    for (Map<String, Object> lead : leads) {
      var receipt = intake.capture(reader.read(json.valueToTree(lead)), "demo");
      routeNow(store.lead(receipt.leadId()).orElseThrow().processInstanceId());
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
    lead.put("capturedAt", ClockUtil.getCurrentTime().toInstant().minus(Duration.ofMinutes(minutesAgo)).toString());
    return lead;
  }

  private static Map<String, Object> address(String line1, String city, String region, String postalCode) {
    return Map.of("line1", line1, "city", city, "region", region, "postalCode", postalCode);
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
