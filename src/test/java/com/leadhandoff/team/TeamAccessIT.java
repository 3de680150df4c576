package com.leadhandoff.team;

import com.leadhandoff.DemoApplicationTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With authorizations on (the demo profile, like production): members see and work their own
 * team's leads and nobody else's, everyone gets the shared filters, and /engine-rest refuses
 * anonymous callers.
 */
@DemoApplicationTest
class TeamAccessIT {

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired FilterService filterService;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;

  @Test
  void csrSeesIntakeLeadsButNotTheEmergency() {
    List<Task> visible = as("csr", () -> taskService.createTaskQuery().list());
    assertThat(visible).isNotEmpty()
        .allSatisfy(task -> assertThat(candidateGroups(task).contains("intake") || "csr".equals(task.getAssignee())).isTrue());
    assertThat(visible).extracting(Task::getName).noneMatch(name -> name.contains("Maria Lopez"));
  }

  @Test
  void dispatcherCannotClaimAnotherTeamsLead() {
    Task intakeTask = taskService.createTaskQuery().taskDefinitionKey("UserTask_CompleteIntakeRecord").list().get(0);
    assertThatThrownBy(() -> as("dispatcher", () -> {
      taskService.claim(intakeTask.getId(), "dispatcher");
      return null;
    })).isInstanceOf(AuthorizationException.class);
  }

  @Test
  void managersSeeEveryLead() {
    long all = taskService.createTaskQuery().count();
    assertThat(as("csr", () -> taskService.createTaskQuery().count())).as("authorizations are on").isLessThan(all);
    assertThat(as("manager", () -> taskService.createTaskQuery().count())).isEqualTo(all);
  }

  @Test
  void escalationGroupSeesAnAcceptTaskOnceItIsOverdue() {
    var lead = runtimeService.startProcessInstanceByKey("lead-handoff", Map.of(
        "source", "call", "fullName", "Ana Ruiz", "phone", "5125550150", "postalCode", "78704",
        "serviceType", "plumbing", "problem", "Burst pipe in the laundry room", "activeLoss", true,
        "capturedBy", "csr", "consentToContact", true));
    try {
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
          taskService.createTaskQuery().processInstanceId(lead.getId()).taskDefinitionKey("UserTask_AcceptLead").count() == 1);
      assertThat(as("dispatch-lead-only", () -> visible(lead.getId()))).as("before the warning").isZero();

      var warning = managementService.createJobQuery().processInstanceId(lead.getId())
          .activityId("BoundaryEvent_AcceptReminder").singleResult();
      managementService.executeJob(warning.getId());

      assertThat(as("dispatch-lead-only", () -> visible(lead.getId()))).as("after the warning").isEqualTo(1);
    } finally {
      // The browser tests share this demo database and expect the demo emergency on top of the dispatch queue.
      runtimeService.deleteProcessInstance(lead.getId(), "test lead");
    }
  }

  @Test
  void everyMemberGetsTheSharedFilters() {
    assertThat(as("estimator", () -> filterService.createFilterQuery().list()))
        .extracting(filter -> filter.getName())
        .contains("Team queue", "My leads", "Emergencies", "Escalated");
  }

  @Test
  void engineRestRefusesAnonymousCallersAndAnswersMembers() throws Exception {
    var client = HttpClient.newHttpClient();
    var anonymous = client.send(HttpRequest.newBuilder(URI.create(base() + "/engine-rest/task")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);

    String basic = Base64.getEncoder().encodeToString("dispatcher:demo".getBytes(StandardCharsets.UTF_8));
    var member = client.send(HttpRequest.newBuilder(URI.create(base() + "/engine-rest/task"))
        .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(member.statusCode()).isEqualTo(200);
    assertThat(member.body()).doesNotContain("Priya Natarajan", "Greg Olsen");
  }

  private long visible(String processInstanceId) {
    return taskService.createTaskQuery().processInstanceId(processInstanceId).count();
  }

  /** Runs a call as a demo user with that user's groups; "dispatch-lead-only" is a member of dispatch-leads alone. */
  private <T> T as(String userId, Supplier<T> call) {
    List<String> groups = userId.equals("dispatch-lead-only") ? List.of("dispatch-leads")
        : identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    identityService.setAuthentication(userId, groups);
    try {
      return call.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private Set<String> candidateGroups(Task task) {
    return Set.copyOf(taskService.getIdentityLinksForTask(task.getId()).stream()
        .map(link -> link.getGroupId()).filter(java.util.Objects::nonNull).toList());
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
