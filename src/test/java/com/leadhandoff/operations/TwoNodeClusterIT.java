package com.leadhandoff.operations;

import static com.leadhandoff.operations.CrashSafetyIT.connect;
import static com.leadhandoff.operations.CrashSafetyIT.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadhandoff.TestDatabase;
import com.leadhandoff.intake.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

/**
 * Camunda's cluster model, for real: two application JVMs on one PostgreSQL, requests spread over
 * both, a few hundred emergencies whose ladder climbs in seconds. Every escalation happens exactly
 * once, every lead has exactly one open task and one owner, a task accepted on one node is gone
 * from the other's task list, and concurrent joins on both nodes never reach a caller as a 500.
 */
@ExtendWith(AppNode.StopAll.class)
class TwoNodeClusterIT {

  private static final int LEADS = 240;
  @Test
  void twoNodesShareTheWorkAndEveryEscalationHappensExactlyOnce() throws Exception {
    String url = TestDatabase.newDatabase("cluster");
    AppNode a = AppNode.start("node-a", url);
    AppNode b = AppNode.start("node-b", url);
    setUpTeam(a);
    deployFastLadder(a);

    Set<Integer> statuses = ConcurrentHashMap.newKeySet();
    List<String> leadIds = postEmergencies(List.of(a, b), statuses);
    joinConcurrentlyOnBothNodes(a, b, statuses);
    addNotesThroughBothNodesWhileTheLaddersClimb(a, b, leadIds, statuses);
    assertThat(statuses).as("no server error reached a caller").allMatch(status -> status < 500);

    try (Connection db = connect(url)) {
      String climbed = "select count(*) from lh_lead l where l.id = any(?) and 2 > (select count(*) from lh_timeline t "
          + "where t.process_instance_id = l.process_instance_id and t.kind = 'ESCALATED')";
      Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> countIn(db, climbed, leadIds) == 0);
      Thread.sleep(8000);

      assertThat(countIn(db, "select count(*) from lh_lead l join lh_timeline t on t.process_instance_id = l.process_instance_id "
          + "where l.id = any(?) and t.kind = 'ESCALATED'", leadIds)).as("two climbs per lead, none twice").isEqualTo(2 * LEADS);
      assertThat(countIn(db, "select count(*) from lh_lead l join act_hi_actinst h on h.proc_inst_id_ = l.process_instance_id "
          + "where l.id = any(?) and h.act_id_ = 'ServiceTask_ClimbLadder'", leadIds)).isEqualTo(2 * LEADS);
      assertThat(countIn(db, "select count(*) from lh_lead l join act_ru_task t on t.proc_inst_id_ = l.process_instance_id "
          + "where l.id = any(?) and t.task_def_key_ = 'UserTask_AcceptLead' and t.assignee_ = 'manager'", leadIds))
          .as("each lead has one open task, held by one person").isEqualTo(LEADS);
      assertThat(countIn(db, "select count(*) from lh_lead l join act_ru_task t on t.proc_inst_id_ = l.process_instance_id "
          + "where l.id = any(?)", leadIds)).isEqualTo(LEADS);
      assertThat(count(db, "select count(distinct hostname_) from act_hi_job_log where job_state_ = 2 and act_id_ = 'BoundaryEvent_LevelTimeUp'"))
          .as("both nodes' job executors fired escalation timers").isEqualTo(2);
      assertThat(countIn(db, "select count(*) from lh_lead l join lh_timeline t on t.process_instance_id = l.process_instance_id "
          + "where l.id = any(?) and t.kind = 'NOTE'", leadIds)).as("every note kept").isEqualTo(LEADS);
      assertThat(count(db, "select count(distinct lead_id) from lh_inquiry where external_id like 'join-%'"))
          .as("four inquiries from one person through two nodes at once make one lead").isEqualTo(20);
      assertThat(count(db, "select count(*) from lh_inquiry where external_id like 'join-%'")).isEqualTo(80);
    }

    String processInstanceId = processInstanceOf(a, leadIds.get(0));
    var onA = a.json(a.get("/engine-rest/task?processInstanceId=" + processInstanceId, "manager", "manager-secret"));
    String taskId = onA.get(0).get("id").asText();
    var completed = a.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of(
        "acceptDecision", Map.of("value", "accept"), "contextConfirmed", Map.of("value", true),
        "nextAction", Map.of("value", "Call now"),
        "firstContactAt", Map.of("value", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5).toString()))), "manager", "manager-secret");
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
    var onB = b.json(b.get("/engine-rest/task?processInstanceId=" + processInstanceId, "manager", "manager-secret"));
    assertThat(onB.findValuesAsText("id")).as("the accepted task is gone on the other node").doesNotContain(taskId);
    assertThat(onB.findValuesAsText("taskDefinitionKey")).containsExactly("UserTask_RecordFirstContact");
    assertThat(b.get("/engine-rest/task/" + taskId, "manager", "manager-secret").statusCode()).isEqualTo(404);
  }

  private static void setUpTeam(AppNode node) throws Exception {
    // Every group the ladder names needs someone in it, or the deploy guard refuses the ladder.
    node.staff(Map.of("dispatcher", List.of("dispatch"), "dispatch-lead", List.of("dispatch-leads"), "manager", List.of("managers"),
        "sales-lead", List.of("sales-leads"), "office-manager", List.of("office")));
    var since = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString();
    for (var team : Map.of("dispatch", "dispatcher", "dispatch-leads", "dispatch-lead").entrySet()) {
      var schedule = node.put("/api/teams/" + team.getKey() + "/on-call/schedule",
          Map.of("members", List.of(team.getValue()), "shiftLength", "P7D", "startsAt", since), AppNode.ADMIN, AppNode.ADMIN_PASSWORD);
      assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(200);
    }
  }

  /** Through the routing API, with the acceptance cases of the fast ladder, as an ops lead deploys a ladder with new timings. */
  private static void deployFastLadder(AppNode node) throws Exception {
    var response = node.postParts("/api/routing/deployments", AppNode.ADMIN, AppNode.ADMIN_PASSWORD,
        ApiClient.Part.file("dmn", "escalation-ladder.dmn", Files.readString(Path.of("src/test/resources/cluster/fast-ladder.dmn"))),
        ApiClient.Part.file("cases", "escalation-ladder.csv", Files.readString(Path.of("src/test/resources/cluster/escalation-ladder.csv"))));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private static List<String> postEmergencies(List<AppNode> nodes, Set<Integer> statuses) throws Exception {
    var pool = Executors.newFixedThreadPool(8);
    List<Future<String>> posted = new ArrayList<>();
    for (int i = 0; i < LEADS; i++) {
      int n = i;
      AppNode node = nodes.get(i % nodes.size());
      posted.add(pool.submit(() -> {
        var response = node.post("/api/leads", Map.of("source", "web-form", "externalId", "cluster-" + n, "fullName", "Cluster Lead " + n,
            "phone", String.format("+1512%07d", 3_000_000 + n), "address", Map.of("postalCode", "78702"), "serviceType", "plumbing",
            "problem", "Water is pouring through the ceiling", "activeLoss", true, "consentToContact", true), AppNode.SOURCE, AppNode.SOURCE_PASSWORD);
        statuses.add(response.statusCode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return node.json(response).get("id").asText();
      }));
    }
    List<String> ids = new ArrayList<>();
    for (var future : posted) {
      ids.add(future.get());
    }
    pool.shutdown();
    return ids;
  }

  /** Sources add notes to the waiting leads through both nodes while their timers fire on either node. */
  private static void addNotesThroughBothNodesWhileTheLaddersClimb(AppNode a, AppNode b, List<String> leadIds, Set<Integer> statuses) throws Exception {
    var pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < leadIds.size(); i++) {
      AppNode node = i % 2 == 0 ? b : a;
      String leadId = leadIds.get(i);
      answers.add(pool.submit(() -> {
        var response = node.post("/api/leads/" + leadId + "/notes", Map.of("text", "Customer called again: water still coming in"),
            AppNode.SOURCE, AppNode.SOURCE_PASSWORD);
        statuses.add(response.statusCode());
        return response.statusCode();
      }));
    }
    for (var answer : answers) {
      assertThat(answer.get()).isEqualTo(201);
    }
    pool.shutdown();
  }

  /** The same person calls twice at once, once through each node: one lead, no errors. */
  private static void joinConcurrentlyOnBothNodes(AppNode a, AppNode b, Set<Integer> statuses) throws Exception {
    var pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      for (AppNode node : List.of(a, b, a, b)) {
        int n = i;
        String source = node == a ? "call" : "ai-receptionist";
        answers.add(pool.submit(() -> {
          var response = node.post("/api/leads", Map.of("source", source, "externalId", "join-" + n + "-" + UUID.randomUUID(),
              "phone", String.format("+1512%07d", 4_000_000 + n), "problem", "Still no hot water, call " + UUID.randomUUID()),
              AppNode.SOURCE, AppNode.SOURCE_PASSWORD);
          statuses.add(response.statusCode());
          return response.statusCode();
        }));
      }
    }
    for (var answer : answers) {
      assertThat(answer.get()).isIn(200, 201);
    }
    pool.shutdown();
  }

  private static String processInstanceOf(AppNode node, String leadId) throws Exception {
    return node.json(node.get("/engine-rest/process-instance?businessKey=" + leadId, AppNode.ADMIN, AppNode.ADMIN_PASSWORD)).get(0).get("id").asText();
  }

  private static int countIn(Connection db, String sql, List<String> ids) {
    try {
      return count(db, sql, db.createArrayOf("varchar", ids.toArray()));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

}
