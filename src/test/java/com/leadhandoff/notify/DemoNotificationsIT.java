package com.leadhandoff.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadhandoff.DemoApplicationTest;
import com.leadhandoff.intake.ApiClient;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The story in the running demo (job executor on, real SMTP in the demo mailbox, real
 * webhook calls to the demo receiver): an emergency lands on the on-call dispatcher's own list;
 * left alone it reminds, moves to the on-call dispatch lead, then to a manager, and every step
 * arrives by email and by webhook. Timers are brought forward rather than waited for.
 */
@DemoApplicationTest
class DemoNotificationsIT {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  @Test
  void anEmergencyLeftAloneClimbsTheLadderAndEveryStepArrivesByEmailAndWebhook() {
    var api = new ApiClient(port);
    var receipt = api.postJson("/api/leads", Map.of("source", "ai-receptionist", "externalId", "ladder-story-1", "fullName", "Noor Haddad",
        "phone", "+1 512 555 0177", "address", Map.of("postalCode", "78702"), "serviceType", "plumbing",
        "problem", "Water is pouring through the ceiling", "activeLoss", true, "consentToContact", true), "website");
    assertThat(receipt.status()).isEqualTo(201);
    String leadId = receipt.body().get("id").asText();
    var awaitUp = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200));
    awaitUp.until(() -> runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count() == 1);
    String processInstanceId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).singleResult().getId();
    try {
      awaitUp.until(() -> assignee(processInstanceId) != null);
      assertThat(assignee(processInstanceId)).as("the on-call dispatcher's own list").isEqualTo("dispatcher");
      awaitInbox(api, "dispatcher@demo.leadhandoff.test", "Dana Diaz", "New lead for you · Noor Haddad");

      bringForward(processInstanceId, "BoundaryEvent_AcceptReminder");
      awaitInbox(api, "dispatcher@demo.leadhandoff.test", "Dana Diaz", "Reminder: lead waiting · Noor Haddad");
      awaitInbox(api, "dispatch-lead@demo.leadhandoff.test", "Dev Dawson", "Reminder: lead waiting · Noor Haddad");

      bringForward(processInstanceId, "BoundaryEvent_LevelTimeUp");
      awaitUp.until(() -> "dispatch-lead".equals(assignee(processInstanceId)));
      awaitInbox(api, "dispatch-lead@demo.leadhandoff.test", "Dev Dawson", "Escalated lead for you · Noor Haddad");

      bringForward(processInstanceId, "BoundaryEvent_LevelTimeUp");
      awaitUp.until(() -> "manager".equals(assignee(processInstanceId)));
      awaitInbox(api, "manager@demo.leadhandoff.test", "Maya Mendel", "Escalated lead for you · Noor Haddad");
      assertThat(runtimeService.createIncidentQuery().count()).as("no delivery failed").isZero();
    } finally {
      runtimeService.deleteProcessInstance(processInstanceId, "test lead");
    }
  }

  private String assignee(String processInstanceId) {
    var task = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey("UserTask_AcceptLead").singleResult();
    return task == null ? null : task.getAssignee();
  }

  private void bringForward(String processInstanceId, String timer) {
    var awaitUp = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200));
    awaitUp.until(() -> managementService.createJobQuery().processInstanceId(processInstanceId).activityId(timer).count() == 1);
    var job = managementService.createJobQuery().processInstanceId(processInstanceId).activityId(timer).singleResult();
    managementService.setJobDuedate(job.getId(), new Date());
  }

  /** The demo inbox page lists the email (by address) and the webhook call (by name) with this subject. */
  private static void awaitInbox(ApiClient api, String address, String name, String subject) {
    String escaped = subject.replace("·", "&middot;");
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
      String page = api.get("/api/demo/inbox", "manager").raw().body();
      return page.contains("<td>email</td><td>" + address + "</td><td>" + escaped)
          && page.contains("<td>webhook</td><td>" + name + "</td><td>" + escaped);
    });
  }
}
