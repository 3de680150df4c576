package com.leadhandoff.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each of the six Camunda Forms, opened in Tasklist by the team member who works it, renders the
 * lead's context (never "Form failure", never a generic variable form). Tasks come from the demo
 * leads; the three that demo leads do not reach on their own are started at that step.
 */
class EveryLeadFormRendersIT extends TasklistBrowserTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @Test
  void completeIntakeShowsWhatIsMissing() throws Exception {
    assertFormShows("csr", demoTask("UserTask_CompleteIntakeRecord", "Complete intake: +15125550117"), "complete-intake",
        "Full name, Service address or postal code", "Source channel", "Captured by");
  }

  @Test
  void poorFitReviewShowsWhyItIsAPoorFit() throws Exception {
    assertFormShows("office-manager", demoTask("UserTask_ReviewPoorFit", "Review: Greg Olsen"), "review-poor-fit",
        "Need a new roof after the hail storm", "We don't offer this service", "poor fit: we do not offer this service");
  }

  @Test
  void standardAcceptFormShowsTheWholeContext() throws Exception {
    assertFormShows("csr", demoTask("UserTask_AcceptLead", "Accept: Priya Natarajan"), "accept-lead",
        "Kitchen sink drains slowly, getting worse for a week", "weekdays after 4pm", "4410 Avenue B",
        " min since the lead was captured");
  }

  @Test
  void routeByHandShowsWhyRoutingCouldNotPlaceTheLead() throws Exception {
    Map<String, Object> lead = lead("Ruth Ahmed", "Strange noise from the water softener");
    lead.putAll(Map.of("routingFailure", "No routing rule matched this lead", "routeByHandGroups", "office",
        "routeByHandDue", new Date()));
    assertFormShows("office-manager", startAt("UserTask_RouteByHand", lead), "route-by-hand",
        "No routing rule matched this lead", "Strange noise from the water softener");
  }

  @Test
  void anEscalatedLeadShowsWhyItWasEscalatedAndWhyItIsYours() throws Exception {
    Map<String, Object> lead = lead("Omar Haddad", "Water heater leaking into the garage");
    lead.put("capturedAt", Date.from(Instant.now().minus(Duration.ofMinutes(12))));
    lead.putAll(Map.of("leadClass", "EMERGENCY", "acceptGroup", "dispatch-leads", "acceptAssignee", "dispatch-lead",
        "acceptPriority", 100, "escalationLevel", 2, "escalated", true,
        "ownerDue", Date.from(Instant.now().plus(Duration.ofMinutes(5))),
        "remindDue", Date.from(Instant.now().plus(Duration.ofMinutes(5))),
        "reassignDue", Date.from(Instant.now().plus(Duration.ofMinutes(10))),
        "escalationNote", "Not accepted by dispatcher by Tue 24 Nov, 10:10"));
    lead.put("acceptGroups", "dispatch-leads");
    lead.put("ownerNote", "Dev Dawson is on call for dispatch-leads until Mon 30 Nov, 08:00 CST, by the rotation");
    lead.put("routingReason", "emergency: water or sewage is escaping");
    assertFormShows("dispatch-lead", startAt("UserTask_AcceptLead", lead), "accept-lead-escalated",
        "Not accepted by dispatcher by Tue 24 Nov, 10:10", "Dev Dawson is on call for dispatch-leads", "escalation level 2",
        "Water heater leaking into the garage", " min since the lead was captured");
  }

  @Test
  void aLeadDeclinedThreeTimesSaysItCannotBeDeclinedAgain() throws Exception {
    Map<String, Object> lead = lead("Ines Moreau", "Quote for a new boiler");
    lead.putAll(Map.of("leadClass", "PREMIUM", "acceptGroup", "office", "acceptAssignee", "office-manager",
        "acceptPriority", 70, "escalationLevel", 1, "escalated", true, "declineCount", 3, "declineAllowed", false,
        "ownerDue", Date.from(Instant.now().plus(Duration.ofMinutes(5))),
        "remindDue", Date.from(Instant.now().plus(Duration.ofMinutes(5)))));
    lead.put("reassignDue", Date.from(Instant.now().plus(Duration.ofMinutes(10))));
    lead.put("acceptGroups", "office");
    lead.put("escalationNote", "Declined by estimator-2: Booked solid until Friday");
    assertFormShows("office-manager", startAt("UserTask_AcceptLead", lead), "accept-lead-declined",
        "This lead has been declined 3 times.", "Declined by estimator-2: Booked solid until Friday");
  }

  @Test
  void recordFirstContactShowsTheCommitment() throws Exception {
    Map<String, Object> lead = lead("Lena Fischer", "Toilet runs all night");
    lead.putAll(Map.of("leadClass", "STANDARD", "acceptedBy", "csr", "priority", 50,
        "firstContactDue", Date.from(Instant.now().plus(Duration.ofHours(1))),
        "nextAction", "Call to book a plumber for Thursday", "firstContactAtText", "Tue 24 Nov, 11:00"));
    assertFormShows("csr", startAt("UserTask_RecordFirstContact", lead), "record-first-contact",
        "Call to book a plumber for Thursday", "Tue 24 Nov, 11:00");
  }

  private void assertFormShows(String user, Task task, String formId, String... expectedTexts) throws Exception {
    if (task.getAssignee() == null) {
      taskService.claim(task.getId(), user);
    }
    logInAs(user);
    browser.get(tasklist() + "#/?task=" + task.getId());
    var wait = waitUpTo30Seconds();
    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container")));
    wait.until(ExpectedConditions.textToBePresentInElement(form, expectedTexts[0]));
    BrowserSupport.screenshot(browser, "form-" + formId);
    assertThat(form.getText()).contains(expectedTexts);
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Form failure");
  }

  private Task demoTask(String taskDefinitionKey, String namePrefix) {
    return taskService.createTaskQuery().taskDefinitionKey(taskDefinitionKey).taskNameLike(namePrefix + "%").singleResult();
  }

  private Task startAt(String activityId, Map<String, Object> variables) {
    var instance = runtimeService.createProcessInstanceByKey("lead-handoff")
        .setVariables(variables).startBeforeActivity(activityId).execute();
    return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private static Map<String, Object> lead(String name, String problem) {
    Map<String, Object> lead = new HashMap<>();
    lead.put("fullName", name);
    lead.put("problem", problem);
    lead.put("phone", "+15125550100");
    lead.put("serviceType", "plumbing");
    lead.put("source", "call");
    lead.put("capturedBy", "csr");
    lead.put("capturedAtText", "Tue 24 Nov, 09:40");
    return lead;
  }
}
