package com.leadhandoff.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;
import static com.leadhandoff.process.TestLeads.emergencyLead;
import static com.leadhandoff.process.TestLeads.premiumLead;
import static com.leadhandoff.process.TestLeads.roofingLead;
import static com.leadhandoff.process.TestLeads.standardLead;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadhandoff.intake.InquiryReader;
import com.leadhandoff.intake.LeadIntake;
import com.leadhandoff.intake.LeadIntake.Receipt;
import com.leadhandoff.intake.LeadStore;
import com.leadhandoff.intake.Retries;
import com.leadhandoff.lead.LeadText;
import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import java.lang.reflect.Proxy;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import com.leadhandoff.ownership.OnCall;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/** One test per path through bpmn/lead-handoff.bpmn, named for the story it tells. Timers are executed, never waited for. */
@SpringBootTest
// Camunda registers its engine once per JVM: each class closes its context before the next starts one.
@DirtiesContext
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class LeadHandoffProcessTest {

  private static final ZoneId OFFICE = ZoneId.of("America/Chicago");
  /** A Tuesday at 10:00 in the office: inside business hours. */
  private static final ZonedDateTime TUESDAY_MORNING = ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, OFFICE);

  @TestConfiguration
  static class CoverageTarget {
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(0.9).build();
    }
  }

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired RepositoryService repositoryService;
  @Autowired LeadIntake intake;
  @Autowired InquiryReader reader;
  @Autowired LeadStore store;
  @Autowired Timeline timeline;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;
  @Autowired Retries retries;
  @Autowired LeadText text;
  @Autowired OnCall onCall;

  @BeforeEach
  void startTheClockOnTuesdayMorning() {
    init(engine);
    setClock(TUESDAY_MORNING);
  }

  /** Tests share one database and reuse the same people: no earlier test's lead is open for them to join. */
  @BeforeEach
  void forgetEarlierTestsOpenLeads() {
    jdbc.update("delete from lh_open_contact");
    TestTeams.setUp(engine.getIdentityService(), onCall, jdbc);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // ---------------------------------------------------------------- capture and required fields

  @Test
  void completeStandardLeadIsAcceptedContactedAndBooked() {
    ProcessInstance lead = capture(standardLead());

    assertThat(lead).isWaitingAt("UserTask_AcceptLead");
    Task accept = task(lead);
    assertThat(accept).hasName("Accept: Priya Natarajan · Kitchen sink drains slowly · STANDARD");
    offered(accept, "intake");
    assertThat(accept.getPriority()).isEqualTo(50);
    assertThat(accept.getDueDate()).isEqualTo(at(TUESDAY_MORNING.plusMinutes(15)));
    assertThat(runtimeService.getVariable(lead.getId(), "phone")).isEqualTo("+15125550142");
    assertThat(runtimeService.getVariable(lead.getId(), "routingReason"))
        .isEqualTo("standard: no sign of active damage, standard residential job");
    assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery()
        .processInstanceId(lead.getId()).activityIdIn("BusinessRuleTask_RouteLead").decisionDefinitionKey("lead-routing").count())
        .as("the routing decision is recorded against the lead").isEqualTo(1);

    acceptAs("csr", accept, TUESDAY_MORNING.plusHours(1));

    assertThat(lead).isWaitingAt("UserTask_RecordFirstContact");
    Task contact = task(lead);
    assertThat(contact).isAssignedTo("csr");
    assertThat(contact.getDueDate()).isEqualTo(at(TUESDAY_MORNING.plusHours(1)));

    complete(contact, Map.of("contactOutcome", "booked", "appointmentAt", "2026-11-25T09:00:00-06:00",
        "contactNotes", "Tech visit booked for tomorrow morning"));

    assertThat(lead).isEnded().hasPassed("EndEvent_Booked");
    assertThat(historicVariable(lead, "handedOff")).isEqualTo(true);
    assertThat(historicVariable(lead, "appointmentAt")).isEqualTo(at(ZonedDateTime.of(2026, 11, 25, 9, 0, 0, 0, OFFICE)));
  }

  @Test
  void incompleteMissedCallWaitsForIntakeBeforeItIsRouted() {
    ProcessInstance lead = capture(Map.of("source", "missed-call", "phone", "(512) 555-0117"));

    assertThat(lead).isWaitingAt("UserTask_CompleteIntakeRecord").hasNotPassed("BusinessRuleTask_RouteLead");
    assertThat(task(lead)).hasCandidateGroup("intake").hasName("Complete intake: +15125550117");
    assertThat(runtimeService.getVariable(lead.getId(), "missingFields")).isEqualTo(
        "Full name, Service address or postal code, Service type, Problem in the customer's words, "
            + "Captured by, Consent to contact");

    Map<String, Object> completed = new HashMap<>(standardLead());
    completed.remove("source");
    complete(task(lead), completed);

    assertThat(lead).isWaitingAt("UserTask_AcceptLead").hasPassed("BusinessRuleTask_RouteLead");
    assertThat(runtimeService.getVariable(lead.getId(), "missingFields")).isNull();
  }

  @Test
  void officeManagerIsRemindedWhenAnIntakeRecordWaitsTooLong() {
    ProcessInstance lead = capture(Map.of("source", "call", "phone", "512 555 0117"));
    Job reminder = job("BoundaryEvent_IntakeReminder", lead);
    assertThat(reminder.getDuedate()).isEqualTo(at(TUESDAY_MORNING.plusMinutes(15)));

    execute(reminder);

    Task intake = task(lead);
    assertThat(intake).hasCandidateGroup("intake").hasCandidateGroup("office");
    assertThat(intake.getName()).startsWith("OVERDUE · Complete intake");
    assertThat(lead).isWaitingAt("UserTask_CompleteIntakeRecord").hasPassed("EndEvent_IntakeReminderSent");
    assertThat(runtimeService.getVariable(lead.getId(), "slaState")).isEqualTo("WATCH");

    complete(intake, standardLead());

    assertThat(lead).isWaitingAt("UserTask_AcceptLead");
    assertThat(runtimeService.getVariables(lead.getId()))
        .as("a late intake record does not follow the lead into the Escalated queue")
        .containsEntry("escalated", false).containsEntry("slaState", "ON_TRACK").doesNotContainKey("escalationNote");
  }

  @Test
  void emergencyWithoutAPhoneNumberGoesBackToIntake() {
    Map<String, Object> noPhone = new HashMap<>(emergencyLead());
    noPhone.remove("phone");
    noPhone.put("email", "Maria.Lopez@Example.com");

    ProcessInstance lead = capture(noPhone);

    assertThat(lead).isWaitingAt("UserTask_CompleteIntakeRecord");
    assertThat(runtimeService.getVariable(lead.getId(), "missingFields")).isEqualTo("Phone (required for emergencies)");
    assertThat(runtimeService.getVariable(lead.getId(), "email")).isEqualTo("maria.lopez@example.com");
    assertThat(job("BoundaryEvent_IntakeReminder", lead).getDuedate()).isEqualTo(at(TUESDAY_MORNING.plusMinutes(5)));
  }

  // ---------------------------------------------------------------- acceptance and escalation

  @Test
  void emergencyLeadGoesToTheOnCallDispatcherWithAFiveMinuteDeadline() {
    ProcessInstance lead = capture(emergencyLead());

    Task accept = task(lead);
    assertThat(accept).isAssignedTo("dispatcher").hasName("Accept: Maria Lopez · Burst pipe under the kitchen sink · EMERGENCY");
    offered(accept, "dispatch");
    assertThat(accept.getPriority()).isEqualTo(90);
    assertThat(accept.getDueDate()).isEqualTo(at(TUESDAY_MORNING.plusMinutes(5)));
    assertThat(job("BoundaryEvent_AcceptReminder", lead).getDuedate()).isEqualTo(at(TUESDAY_MORNING.plusMinutes(5)));
    assertThat(job("BoundaryEvent_LevelTimeUp", lead).getDuedate()).isEqualTo(at(TUESDAY_MORNING.plusMinutes(10)));
    assertThat(runtimeService.getVariables(lead.getId())).containsEntry("escalationLevel", 1)
        .containsEntry("ladderVersion", "escalation-ladder v1");
    assertThat(runtimeService.getVariable(lead.getId(), "ownerNote")).asString()
        .startsWith("dispatcher Test is on call for dispatch until Mon 30 Nov, 08:00 CST, by the rotation");
  }

  @Test
  void emergencyLeadRemindsItsOwnerAndTellsTheOnCallLeadAfterFiveMinutes() {
    ProcessInstance lead = capture(emergencyLead());
    setClock(TUESDAY_MORNING.plusMinutes(5));

    execute(job("BoundaryEvent_AcceptReminder", lead));

    Task accept = task(lead);
    assertThat(lead).isWaitingAt("UserTask_AcceptLead").hasPassed("EndEvent_OwnerReminded");
    assertThat(accept).isAssignedTo("dispatcher");
    offered(accept, "dispatch", "dispatch-leads");
    assertThat(accept.getName()).startsWith("OVERDUE · Accept: Maria Lopez");
    assertThat(accept.getPriority()).isEqualTo(100);
    assertThat(runtimeService.getVariables(lead.getId())).containsEntry("slaState", "WATCH").containsEntry("escalated", true);
  }

  @Test
  void emergencyLeadClimbsToTheOnCallLeadThenAManagerAndStaysWithManagersUntilAccepted() {
    ProcessInstance lead = capture(emergencyLead());
    setClock(TUESDAY_MORNING.plusMinutes(10));

    execute(job("BoundaryEvent_LevelTimeUp", lead));

    assertThat(lead).isWaitingAt("UserTask_AcceptLead").hasPassed("ServiceTask_ClimbLadder").hasNotPassed("Gateway_AcceptOutcome");
    Task takeOver = task(lead);
    assertThat(takeOver).isAssignedTo("dispatch-lead").hasName("Take over: Maria Lopez · Burst pipe under the kitchen sink · EMERGENCY");
    offered(takeOver, "dispatch-leads");
    assertThat(candidateGroups(takeOver)).as("the previous level no longer holds it").doesNotContain("dispatch");
    assertThat(takeOver.getDueDate()).isEqualTo(at(TUESDAY_MORNING.plusMinutes(15)));
    assertThat(takeOver.getPriority()).isEqualTo(100);
    assertThat(runtimeService.getVariables(lead.getId())).containsEntry("escalationLevel", 2).containsEntry("slaState", "ESCALATED");
    assertThat(runtimeService.getVariable(lead.getId(), "escalationNote")).asString().startsWith("Not accepted by dispatcher by Tue 24 Nov, 10:10 CST");

    setClock(TUESDAY_MORNING.plusMinutes(20));
    execute(job("BoundaryEvent_LevelTimeUp", lead));
    assertThat(task(lead)).isAssignedTo("manager");
    offered(task(lead), "managers");
    assertThat(runtimeService.getVariable(lead.getId(), "escalationLevel")).isEqualTo(3);

    setClock(TUESDAY_MORNING.plusMinutes(30));
    execute(job("BoundaryEvent_LevelTimeUp", lead));
    assertThat(task(lead)).as("the top level keeps the lead: the next manager, with a fresh deadline").isAssignedTo("manager-2");
    assertThat(runtimeService.getVariable(lead.getId(), "escalationLevel")).isEqualTo(3);
    assertThat(job("BoundaryEvent_LevelTimeUp", lead).getDuedate()).isEqualTo(at(TUESDAY_MORNING.plusMinutes(40)));
    assertThat(timelineKinds(lead)).containsSubsequence(Kind.ASSIGNED, Kind.ESCALATED, Kind.ESCALATED, Kind.ESCALATED);

    acceptAs("manager-2", task(lead), TUESDAY_MORNING.plusMinutes(40));
    assertThat(lead).isWaitingAt("UserTask_RecordFirstContact");
    assertThat(task(lead)).isAssignedTo("manager-2");
  }

  @Test
  void aNoteAddedAsTheLeadClimbsALevelGoesOnTheTaskThatHoldsTheLeadAfterTheClimb() throws Exception {
    ProcessInstance lead = captureThroughApi(emergencyLead());
    Task dispatcher = task(lead);
    setClock(TUESDAY_MORNING.plusMinutes(10));
    Job levelTimeUp = job("BoundaryEvent_LevelTimeUp", lead);
    // The note reads the lead's task; before it goes on, the level climbs on another node and commits.
    TaskService slowTasks = spy(taskService);
    var climbed = new AtomicBoolean();
    doAnswer(call -> {
      TaskQuery query = (TaskQuery) call.callRealMethod();
      return Proxy.newProxyInstance(TaskQuery.class.getClassLoader(), new Class<?>[] {TaskQuery.class}, (proxy, method, arguments) -> {
        Object result = method.invoke(query, arguments);
        if (method.getName().equals("list") && climbed.compareAndSet(false, true)) {
          ExecutorService otherNode = Executors.newSingleThreadExecutor();
          try {
            otherNode.submit(() -> execute(levelTimeUp)).get(30, TimeUnit.SECONDS);
          } finally {
            otherNode.shutdown();
          }
        }
        return result == query ? proxy : result;
      });
    }).when(slowTasks).createTaskQuery();
    LeadIntake noteTaker = new LeadIntake(store, retries, runtimeService, slowTasks, timeline, json, text);

    Timeline.Entry note = noteTaker.addNote(leadId(lead), "Customer called again: water still coming in", "call");

    assertThat(climbed).isTrue();
    assertThat(note.description()).isEqualTo("Customer called again: water still coming in");
    Task takeOver = task(lead);
    assertThat(takeOver.getId()).isNotEqualTo(dispatcher.getId());
    assertThat(takeOver).isAssignedTo("dispatch-lead");
    assertThat(taskService.getTaskComments(takeOver.getId())).extracting(Comment::getFullMessage)
        .as("the note is on the task that holds the lead now").containsExactly("Note from call: Customer called again: water still coming in");
    assertThat(taskService.getTaskComments(dispatcher.getId())).as("not on the task the climb ended").isEmpty();
    assertThat(runtimeService.getVariable(lead.getId(), "notes")).asString()
        .containsOnlyOnce("Customer called again: water still coming in");
    assertThat(timelineKinds(lead)).containsOnlyOnce(Kind.NOTE);
  }

  @Test
  void declinedLeadGoesToTheNextPersonWhoHasNotDeclinedItAndAfterThreeToTheOfficeManager() {
    ProcessInstance lead = capture(premiumLead());
    java.util.List<String> holders = new java.util.ArrayList<>();
    for (String reason : java.util.List.of("no-capacity", "outside-skills", "other")) {
      Task accept = task(lead);
      offered(accept, "sales");
      assertThat(accept.getAssignee()).isNotNull().isNotIn(holders);
      holders.add(accept.getAssignee());
      complete(accept, Map.of("acceptDecision", "decline", "declineReasonCode", reason, "declineReason", "Booked solid until Friday"));
    }
    assertThat(holders).containsExactlyInAnyOrder("estimator", "estimator-2", "sales-lead");

    Task withOffice = task(lead);
    assertThat(withOffice).isAssignedTo("office-manager");
    offered(withOffice, "office");
    assertThat(runtimeService.getVariables(lead.getId())).containsEntry("declineCount", 3).containsEntry("declineAllowed", false)
        .containsEntry("escalationLevel", 1);
    assertThat(runtimeService.getVariable(lead.getId(), "acceptDecision")).as("the next owner's form starts empty").isNull();
    assertThatThrownBy(() -> complete(withOffice, Map.of("acceptDecision", "decline", "declineReasonCode", "conflict")))
        .hasMessage("This lead has been declined 3 times and may not be declined again: accept it and decide the next step");
    assertThat(jdbc.queryForList("select reason_code from lh_decline where process_instance_id = ? order by id", String.class, lead.getId()))
        .containsExactly("no-capacity", "outside-skills", "other");
    assertThat(timelineKinds(lead)).containsSubsequence(Kind.ASSIGNED, Kind.DECLINED, Kind.ASSIGNED, Kind.DECLINED, Kind.ASSIGNED, Kind.DECLINED, Kind.ASSIGNED);

    acceptAs("office-manager", withOffice, TUESDAY_MORNING.plusHours(1));
    assertThat(task(lead)).isAssignedTo("office-manager");
  }

  @Test
  void someoneWhoDeclinedIsNotGivenTheLeadBackWhenItClimbs() {
    ProcessInstance lead = capture(emergencyLead());
    complete(task(lead), Map.of("acceptDecision", "decline", "declineReasonCode", "unavailable"));
    assertThat(task(lead)).as("the next dispatcher who has not declined").isAssignedTo("dispatch-lead");
    complete(task(lead), Map.of("acceptDecision", "decline", "declineReasonCode", "outside-skills"));
    assertThat(task(lead)).isAssignedTo("dispatcher-2");
    setClock(TUESDAY_MORNING.plusMinutes(10));

    execute(job("BoundaryEvent_LevelTimeUp", lead));

    Task takeOver = task(lead);
    assertThat(takeOver.getAssignee()).as("the on-call dispatch lead declined it already").isNull();
    offered(takeOver, "dispatch-leads");
    assertThat(runtimeService.getVariable(lead.getId(), "ownerNote")).asString()
        .contains("dispatch-lead Test is on call for dispatch-leads but declined this lead");
    assertThat(runtimeService.getVariable(lead.getId(), "declineCount")).isEqualTo(2);
  }

  @Test
  void aLeadReRoutedToAnotherClassStartsItsDeclinesAfresh() {
    ProcessInstance lead = captureThroughApi(standardLead());
    complete(task(lead), Map.of("acceptDecision", "decline", "declineReasonCode", "no-capacity"));
    assertThat(openTask(lead, "UserTask_AcceptLead")).as("nobody else in intake: the office").isAssignedTo("office-manager");
    assertThat(runtimeService.getVariable(lead.getId(), "declineAllowed")).isEqualTo(false);

    inquire(inquiry("call", "512-555-0142", "Now water is pouring through the ceiling", true));

    Task accept = openTask(lead, "UserTask_AcceptLead");
    assertThat(accept).isAssignedTo("dispatcher");
    assertThat(runtimeService.getVariables(lead.getId())).containsEntry("declineAllowed", true).containsEntry("declineCount", 0);
    complete(accept, Map.of("acceptDecision", "decline", "declineReasonCode", "unavailable"));
    assertThat(openTask(lead, "UserTask_AcceptLead")).as("one decline in this class: the next dispatcher, not the office")
        .isAssignedTo("dispatch-lead");
  }

  @Test
  void aLeadStartedBeforeTheLadderStillEscalatesAndIsTakenOverOnItsOwnModel() {
    withTable("legacy/lead-handoff-before-ladder.bpmn", () -> {
      Map<String, Object> old = new HashMap<>(emergencyLead());
      ProcessInstance lead = runtimeService.startProcessInstanceByKey("lead-handoff", old);
      execute(job(lead));
      assertThat(job("BoundaryEvent_AcceptSlaBreached", lead).getDuedate()).isEqualTo(at(TUESDAY_MORNING.plusMinutes(10)));
      setClock(TUESDAY_MORNING.plusMinutes(10));

      execute(job("BoundaryEvent_AcceptSlaBreached", lead));

      assertThat(lead).isWaitingAt("UserTask_TakeOverEscalatedLead");
      Task takeOver = task(lead);
      offered(takeOver, "dispatch-leads");
      Map<String, Object> commitment = acceptance(TUESDAY_MORNING.plusMinutes(20));
      commitment.remove("acceptDecision");
      taskService.claim(takeOver.getId(), "dispatch-lead");
      complete(takeOver, commitment);
      assertThat(lead).isWaitingAt("UserTask_RecordFirstContact");
      assertThat(task(lead)).isAssignedTo("dispatch-lead");
    });
  }

  @Test
  void aDeclineNeedsAReasonFromTheListAndWordsForOther() {
    ProcessInstance lead = capture(premiumLead());
    Task accept = task(lead);

    assertThatThrownBy(() -> complete(accept, Map.of("acceptDecision", "decline", "declineReason", "busy")))
        .hasMessage("Pick why you decline the lead from the list: the next owner and the weekly review read it");
    assertThatThrownBy(() -> complete(accept, Map.of("acceptDecision", "decline", "declineReasonCode", "other")))
        .hasMessage("Say in a few words why you decline the lead");
    assertThat(lead).isWaitingAt("UserTask_AcceptLead");
  }

  @Test
  void whenTheOnCallScheduleIsEmptyTheDispatchLeadsTakeTheEmergency() {
    onCall.deleteSchedule("dispatch");

    ProcessInstance lead = capture(emergencyLead());

    assertThat(task(lead)).isAssignedTo("dispatch-lead");
    offered(task(lead), "dispatch-leads");
    assertThat(runtimeService.getVariable(lead.getId(), "ownerNote")).asString()
        .startsWith("nobody is on call for dispatch (empty schedule); the dispatch-leads group takes it");
  }

  @Test
  void anOverrideForASickDayPutsTheStandInOnCall() {
    onCall.addOverride("dispatch", "dispatcher-2", TUESDAY_MORNING.minusHours(2).toInstant(), TUESDAY_MORNING.plusHours(10).toInstant(),
        "dispatcher is sick", "manager", TUESDAY_MORNING.toInstant());

    ProcessInstance lead = capture(emergencyLead());

    assertThat(task(lead)).isAssignedTo("dispatcher-2");
    assertThat(runtimeService.getVariable(lead.getId(), "ownerNote")).asString().contains("by override (dispatcher is sick)");
  }

  @Test
  void aLeadKeepsTheLadderThatWasInForceWhenItEnteredItsClass() {
    ProcessInstance before = capture(emergencyLead());
    withTable("table-variants/slow-ladder.dmn", () -> {
      jdbc.update("delete from lh_open_contact");
      ProcessInstance after = capture(premiumLead());
      assertThat(job("BoundaryEvent_LevelTimeUp", after).getDuedate()).as("the new ladder applies to new leads")
          .isEqualTo(at(TUESDAY_MORNING.plusHours(1)));
      assertThat(runtimeService.getVariable(after.getId(), "ladderVersion")).isEqualTo("escalation-ladder v2");

      setClock(TUESDAY_MORNING.plusMinutes(10));
      execute(job("BoundaryEvent_LevelTimeUp", before));
      assertThat(job("BoundaryEvent_LevelTimeUp", before).getDuedate()).as("the lead in flight keeps its ladder")
          .isEqualTo(at(TUESDAY_MORNING.plusMinutes(20)));
      assertThat(runtimeService.getVariable(before.getId(), "ladderVersion")).isEqualTo("escalation-ladder v1");
    });
  }

  @Test
  void aLeadKeepsTheRoutingAndLadderVersionsItWasFirstRoutedWithForItsWholeLife() throws Exception {
    ProcessInstance before = captureThroughApi(standardLead());
    assertThat(runtimeService.getVariables(before.getId())).containsEntry("routingVersion", "lead-routing v1")
        .containsEntry("ladderVersion", "escalation-ladder v1");
    assertThat(timeline.of(before.getId())).filteredOn(entry -> entry.kind() == Kind.ROUTED).singleElement()
        .extracting(Timeline.Entry::description).asString().endsWith("; rules lead-routing v1, escalation-ladder v1");

    String routing = new String(new org.springframework.core.io.ClassPathResource("dmn/lead-routing.dmn").getContentAsByteArray(),
        java.nio.charset.StandardCharsets.UTF_8);
    String edited = routing.replace("&gt;= 5000", "&gt;= 3000").replace("<text>90</text>", "<text>95</text>");
    String slowLadder = new String(new org.springframework.core.io.ClassPathResource("table-variants/slow-ladder.dmn").getContentAsByteArray(),
        java.nio.charset.StandardCharsets.UTF_8);
    withTables(Map.of("lead-routing.dmn", edited, "slow-ladder.dmn", slowLadder), () -> {
      Map<String, Object> fourThousand = new HashMap<>(standardLead());
      fourThousand.putAll(Map.of("fullName", "Ana Ruiz", "phone", "512-555-0177", "email", "ana@example.com", "estimatedValue", 4000));
      ProcessInstance after = captureThroughApi(fourThousand);
      assertThat(runtimeService.getVariables(after.getId())).as("the next lead follows the new tables at once")
          .containsEntry("leadClass", "PREMIUM").containsEntry("ownerGroup", "sales")
          .containsEntry("routingVersion", "lead-routing v2").containsEntry("ladderVersion", "escalation-ladder v2");

      inquire(inquiry("ai-receptionist", "+15125550142", "The drain backed up and the kitchen is flooding", true));

      assertThat(runtimeService.getVariables(before.getId())).as("re-routed upward with the versions it was first routed with")
          .containsEntry("leadClass", "EMERGENCY").containsEntry("priority", 90)
          .containsEntry("routingVersion", "lead-routing v1").containsEntry("ladderVersion", "escalation-ladder v1");
      assertThat(timeline.of(before.getId())).filteredOn(entry -> entry.kind() == Kind.REROUTED_UPWARD).singleElement()
          .extracting(Timeline.Entry::description).asString().endsWith("; rules lead-routing v1, escalation-ladder v1");
    });
  }

  @Test
  void aPinnedVersionThatCanNoLongerRouteTheLeadGivesWayToTheVersionInForce() throws Exception {
    var identity = engine.getIdentityService();
    identity.saveGroup(identity.newGroup("night-crew"));
    identity.createMembership("dispatcher", "night-crew");
    String routing = new String(new org.springframework.core.io.ClassPathResource("dmn/lead-routing.dmn").getContentAsByteArray(),
        java.nio.charset.StandardCharsets.UTF_8);
    var nightCrew = repositoryService.createDeployment().name("night-crew")
        .addString("lead-routing.dmn", routing.replace("<text>\"dispatch\"</text>", "<text>\"night-crew\"</text>")).deploy();
    try {
      ProcessInstance lead = captureThroughApi(standardLead());
      assertThat(runtimeService.getVariable(lead.getId(), "routingVersion")).isEqualTo("lead-routing v2");
      identity.deleteGroup("night-crew");
      withTables(Map.of("lead-routing.dmn", routing.replace("<text>90</text>", "<text>95</text>")), () -> {
        inquire(inquiry("ai-receptionist", "+15125550142", "The drain backed up and the kitchen is flooding", true));

        assertThat(runtimeService.getVariables(lead.getId())).as("routed by the version in force, not stranded")
            .containsEntry("leadClass", "EMERGENCY").containsEntry("ownerGroup", "dispatch").containsEntry("priority", 95)
            .containsEntry("routingVersion", "lead-routing v3");
        assertThat(timeline.of(lead.getId())).filteredOn(entry -> entry.kind() == Kind.WARNING).extracting(Timeline.Entry::description)
            .anySatisfy(text -> assertThat(text).isEqualTo("Routed with lead-routing v3, the version in force now: its lead-routing v2 "
                + "cannot route it (The routing table's ownerGroup 'night-crew' for class EMERGENCY is not a group)"));
      });
    } finally {
      repositoryService.deleteDeployment(nightCrew.getId(), true);
    }
  }

  @Test
  void aLeadRoutedBeforePinsExistedKeepsTheVersionItsDecisionHistoryNames() throws Exception {
    ProcessInstance lead = captureThroughApi(standardLead());
    runtimeService.removeVariable(lead.getId(), "routingDecisionId");
    String routing = new String(new org.springframework.core.io.ClassPathResource("dmn/lead-routing.dmn").getContentAsByteArray(),
        java.nio.charset.StandardCharsets.UTF_8);
    withTables(Map.of("lead-routing.dmn", routing.replace("<text>90</text>", "<text>95</text>")), () -> {
      inquire(inquiry("ai-receptionist", "+15125550142", "The drain backed up and the kitchen is flooding", true));

      assertThat(runtimeService.getVariables(lead.getId())).containsEntry("leadClass", "EMERGENCY").containsEntry("priority", 90)
          .containsEntry("routingVersion", "lead-routing v1");
    });
  }

  @Test
  void acceptanceMustCommitToAFirstContactWithinTheSla() {
    ProcessInstance lead = capture(emergencyLead());
    Task accept = task(lead);
    taskService.claim(accept.getId(), "dispatcher");

    assertThatThrownBy(() -> taskService.complete(accept.getId(), acceptance(TUESDAY_MORNING.plusHours(2))))
        .isInstanceOf(ProcessEngineException.class)
        .as("the message reaches Tasklist as written, not wrapped in engine text")
        .hasMessage("First contact must happen within 15 minutes: commit to a time no later than Tue 24 Nov, 10:15 CST, not Tue 24 Nov, 12:00 CST");
    Map<String, Object> unread = acceptance(TUESDAY_MORNING.plusMinutes(10));
    unread.put("contextConfirmed", false);
    assertThatThrownBy(() -> taskService.complete(accept.getId(), unread))
        .hasMessageContaining("Confirm that you have read the lead's context");
    assertThat(lead).isWaitingAt("UserTask_AcceptLead");
    assertThatThrownBy(() -> taskService.complete(task(lead).getId(), Map.of("acceptDecision", "decline")))
        .hasMessage("Pick why you decline the lead from the list: the next owner and the weekly review read it");
    taskService.setAssignee(accept.getId(), null);
    assertThatThrownBy(() -> taskService.complete(accept.getId(), acceptance(TUESDAY_MORNING.plusMinutes(10))))
        .hasMessage("Claim the task first: a lead is always owned by a named person");
  }

  @Test
  void premiumLeadGoesToSalesWithinFiveBusinessMinutes() {
    ProcessInstance lead = capture(premiumLead());

    Task accept = task(lead);
    offered(accept, "sales");
    assertThat(accept.getDueDate()).isEqualTo(at(TUESDAY_MORNING.plusMinutes(5)));
    assertThat(runtimeService.getVariable(lead.getId(), "routingReason")).isEqualTo("premium: commercial customer");
  }

  @Test
  void standardLeadCapturedOnFridayEveningIsDueOnMondayMorning() {
    setClock(ZonedDateTime.of(2026, 11, 27, 18, 30, 0, 0, OFFICE));

    ProcessInstance lead = capture(standardLead());

    assertThat(task(lead).getDueDate()).isEqualTo(at(ZonedDateTime.of(2026, 11, 30, 8, 15, 0, 0, OFFICE)));
    assertThat(job("BoundaryEvent_LevelTimeUp", lead).getDuedate())
        .isEqualTo(at(ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, OFFICE)));
  }

  // ---------------------------------------------------------------- poor fit and routing by hand

  @Test
  void poorFitLeadIsDeclinedWithAReferral() {
    ProcessInstance lead = capture(roofingLead());

    assertThat(lead).isWaitingAt("UserTask_ReviewPoorFit");
    assertThat(task(lead)).hasCandidateGroup("office");
    assertThat(runtimeService.getVariable(lead.getId(), "routingReason")).isEqualTo("poor fit: we do not offer this service");

    complete(task(lead), Map.of("poorFitDecision", "decline", "referralNote", "Referred to Lone Star Roofing"));

    assertThat(lead).isEnded().hasPassed("EndEvent_Declined");
  }

  @Test
  void poorFitLeadCanBeOverriddenIntoAnotherClass() {
    ProcessInstance lead = capture(roofingLead());

    assertThatThrownBy(() -> taskService.complete(task(lead).getId(), Map.of("poorFitDecision", "override", "classOverride", "POOR_FIT")))
        .hasMessageContaining("Choose the class for this lead");
    complete(task(lead), Map.of("poorFitDecision", "override", "classOverride", "PREMIUM"));

    assertThat(lead).isWaitingAt("UserTask_AcceptLead");
    offered(task(lead), "sales");
    assertThat(runtimeService.getVariable(lead.getId(), "routingReason")).isEqualTo("premium, set by the office");
  }

  @Test
  void leadThatNoRoutingRuleMatchesGoesToTheOfficeManager() {
    withTable("table-variants/overrides-only.dmn", () -> {
      ProcessInstance lead = capture(standardLead());

      assertThat(lead).isWaitingAt("UserTask_RouteByHand");
      assertThat(candidateGroups(task(lead))).containsExactly("office");
      assertThat(task(lead).getDueDate()).as("an unroutable lead is due at once").isEqualTo(at(TUESDAY_MORNING));
      assertThat(runtimeService.getVariable(lead.getId(), "routingFailure")).isEqualTo("No routing rule matched this lead");

      complete(task(lead), Map.of("classOverride", "STANDARD", "routingNote", "Routine drain job"));

      assertThat(lead).isWaitingAt("UserTask_AcceptLead");
      offered(task(lead), "intake");
    });
  }

  @Test
  void routingTableThatFailsLeavesTheLeadWithTheOfficeManager() {
    withTable("table-variants/failing.dmn", () -> {
      ProcessInstance lead = capture(standardLead());

      assertThat(lead).isWaitingAt("UserTask_RouteByHand");
      assertThat(runtimeService.getVariable(lead.getId(), "routingFailure")).asString()
          .startsWith("The routing table failed: DMN-01005 Invalid value 'not a number'");
      assertThat(candidateGroups(task(lead))).containsExactlyInAnyOrder("office", "ops-leads");
      assertThat(task(lead).getDueDate()).isEqualTo(at(TUESDAY_MORNING));

      complete(task(lead), Map.of("classOverride", "EMERGENCY"));

      assertThat(lead).as("a broken table cannot route even by hand: the office keeps the lead")
          .isWaitingAt("UserTask_RouteByHand");
      assertThat(runtimeService.getVariable(lead.getId(), "leadClass")).isNull();
    });
  }

  @Test
  void routingTableWithAnUnusableDurationLeavesTheLeadWithTheOfficeManager() {
    withTable("table-variants/bad-duration.dmn", () -> {
      ProcessInstance lead = capture(standardLead());

      assertThat(lead).isWaitingAt("UserTask_RouteByHand");
      assertThat(runtimeService.getVariable(lead.getId(), "routingFailure")).asString()
          .startsWith("The routing table's acceptWithin for class STANDARD is unusable");
    });
  }

  @Test
  void routingTableThatNamesAGroupThatDoesNotExistLeavesTheLeadWithTheOfficeManager() {
    withTable("table-variants/unknown-group.dmn", () -> {
      ProcessInstance lead = capture(standardLead());

      assertThat(lead).isWaitingAt("UserTask_RouteByHand");
      assertThat(runtimeService.getVariable(lead.getId(), "routingFailure"))
          .isEqualTo("The routing table's ownerGroup 'intak' for class STANDARD is not a group");
    });
  }

  @Test
  void intakeReminderTableThatFailsRemindsTheOfficeManagerAtOnce() {
    withTable("table-variants/failing-intake-reminder.dmn", () -> {
      ProcessInstance lead = capture(Map.of("source", "web-form", "email", "someone@example.com"));

      assertThat(lead).isWaitingAt("UserTask_CompleteIntakeRecord");
      assertThat(job("BoundaryEvent_IntakeReminder", lead).getDuedate()).isEqualTo(at(TUESDAY_MORNING));
    });
  }

  @Test
  void officeManagerIsAlertedWhenAPoorFitReviewIsOverdue() {
    ProcessInstance lead = capture(roofingLead());
    assertThat(job("BoundaryEvent_PoorFitReviewOverdue", lead).getDuedate()).isEqualTo(at(TUESDAY_MORNING.plusHours(4)));

    execute(job("BoundaryEvent_PoorFitReviewOverdue", lead));

    assertThat(lead).isWaitingAt("UserTask_ReviewPoorFit").hasPassed("EndEvent_PoorFitOverdueRaised");
    assertThat(task(lead)).hasCandidateGroup("office").hasCandidateGroup("managers");
    assertThat(task(lead).getName()).startsWith("OVERDUE · Review: Greg Olsen");
  }

  @Test
  void poorFitLeadIsNotDeclinedWithoutAReferral() {
    ProcessInstance lead = capture(roofingLead());

    assertThatThrownBy(() -> taskService.complete(task(lead).getId(), Map.of("poorFitDecision", "decline")))
        .hasMessageContaining("Say where the customer was referred before declining the lead");
    assertThat(lead).isWaitingAt("UserTask_ReviewPoorFit");
  }

  // ---------------------------------------------------------------- first contact

  @Test
  void unansweredLeadIsRetriedThreeTimesThenClosedAsUnreachable() {
    ProcessInstance lead = capture(emergencyLead());
    acceptAs("dispatcher", task(lead), TUESDAY_MORNING.plusMinutes(10));

    for (int attempt = 1; attempt <= 2; attempt++) {
      ZonedDateTime callTime = TUESDAY_MORNING.plusMinutes(10L + 15L * attempt);
      setClock(callTime);
      complete(task(lead), Map.of("contactOutcome", "no-answer", "contactNotes", "Voicemail, left a message"));
      assertThat(lead).isWaitingAt("UserTask_RecordFirstContact");
      assertThat(task(lead)).isAssignedTo("dispatcher");
      assertThat(task(lead).getDueDate()).as("emergency retry cadence").isEqualTo(at(callTime.plusMinutes(10)));
      assertThat(runtimeService.getVariable(lead.getId(), "contactOutcome")).isNull();
    }
    complete(task(lead), Map.of("contactOutcome", "no-answer", "contactNotes", "No answer a third time"));

    assertThat(lead).isEnded().hasPassed("EndEvent_Unreachable");
    assertThat(historicVariable(lead, "contactAttempts")).isEqualTo(3);
  }

  @Test
  void retryTableThatFailsKeepsTheLeadWithItsOwnerForAnotherAttempt() {
    ProcessInstance lead = capture(emergencyLead());
    acceptAs("dispatcher", task(lead), TUESDAY_MORNING.plusMinutes(10));

    withTable("table-variants/failing-contact-retry.dmn", () ->
        complete(task(lead), Map.of("contactOutcome", "no-answer", "contactNotes", "No answer")));

    assertThat(lead).isWaitingAt("UserTask_RecordFirstContact");
    assertThat(task(lead)).isAssignedTo("dispatcher");
    assertThat(task(lead).getDueDate()).as("another attempt within the first-contact window")
        .isEqualTo(at(TUESDAY_MORNING.plusMinutes(15)));
  }

  @Test
  void firstContactTimeWithoutAnOffsetIsReadInTheOfficeTimeZone() {
    ProcessInstance lead = capture(emergencyLead());
    taskService.claim(task(lead).getId(), "dispatcher");
    Map<String, Object> form = acceptance(TUESDAY_MORNING);
    form.put("firstContactAt", "2026-11-24T10:10");

    complete(task(lead), form);

    assertThat(task(lead).getDueDate()).isEqualTo(at(TUESDAY_MORNING.plusMinutes(10)));
  }

  @Test
  void aCommitmentAMinuteInThePastIsDueNowNotInThePast() {
    ProcessInstance lead = capture(emergencyLead());

    acceptAs("dispatcher", task(lead), TUESDAY_MORNING.minusMinutes(1));

    assertThat(task(lead).getDueDate()).isEqualTo(at(TUESDAY_MORNING));
  }

  @Test
  void followUpScheduledCompletesTheHandoff() {
    ProcessInstance lead = capture(standardLead());
    acceptAs("csr", task(lead), TUESDAY_MORNING.plusHours(1));

    complete(task(lead), Map.of("contactOutcome", "follow-up", "followUpOn", "2026-12-01", "contactNotes", "Call back after payday"));

    assertThat(lead).isEnded().hasPassed("EndEvent_FollowUpScheduled");
    assertThat(historicVariable(lead, "handedOff")).isEqualTo(true);
  }

  @Test
  void leadThatIsNotAFitAfterContactIsDeclined() {
    ProcessInstance lead = capture(standardLead());
    acceptAs("csr", task(lead), TUESDAY_MORNING.plusHours(1));

    assertThatThrownBy(() -> taskService.complete(task(lead).getId(), Map.of("contactOutcome", "not-a-fit", "contactNotes", "DIY")))
        .hasMessageContaining("Say why the lead is not a fit");
    complete(task(lead), Map.of("contactOutcome", "not-a-fit", "notFitReason", "Wants parts only", "contactNotes", "Sent to a supply store"));

    assertThat(lead).isEnded().hasPassed("EndEvent_DeclinedAfterContact");
  }

  @Test
  void missedFirstContactCommitmentIsEscalated() {
    ProcessInstance lead = capture(emergencyLead());
    acceptAs("dispatcher", task(lead), TUESDAY_MORNING.plusMinutes(10));
    assertThat(job("BoundaryEvent_FirstContactMissed", lead).getDuedate()).isEqualTo(at(TUESDAY_MORNING.plusMinutes(10)));

    execute(job("BoundaryEvent_FirstContactMissed", lead));

    Task contact = task(lead);
    assertThat(contact).isAssignedTo("dispatcher");
    assertThat(candidateGroups(contact)).contains("dispatch-leads");
    assertThat(contact.getName()).startsWith("OVERDUE · Contact: Maria Lopez");
    assertThat(runtimeService.getVariable(lead.getId(), "slaState")).isEqualTo("MISSED_COMMITMENT");
  }

  // ---------------------------------------------------------------- inquiries joining an open lead

  @Test
  void moreUrgentInquiryReRoutesAWaitingLeadUpward() {
    ProcessInstance lead = captureThroughApi(standardLead());
    assertThat(runtimeService.getVariable(lead.getId(), "leadClass")).isEqualTo("STANDARD");
    long leadsBefore = runtimeService.createProcessInstanceQuery().count();

    Receipt joined = inquire(inquiry("call", "512-555-0142", "Now water is pouring through the ceiling", true));

    assertThat(joined.status()).isEqualTo(LeadIntake.Status.JOINED_EXISTING);
    assertThat(joined.leadId()).isEqualTo(leadId(lead));
    assertThat(lead).hasPassed("ServiceTask_RecordJoinedInquiry", "BoundaryEvent_AcceptMoreUrgent").isWaitingAt("UserTask_AcceptLead");
    assertThat(runtimeService.getVariable(lead.getId(), "leadClass")).isEqualTo("EMERGENCY");
    Task accept = taskService.createTaskQuery().processInstanceId(lead.getId()).taskDefinitionKey("UserTask_AcceptLead").singleResult();
    offered(accept, "dispatch");
    assertThat(accept.getPriority()).isEqualTo(90);
    assertThat(accept.getDueDate()).isEqualTo(at(TUESDAY_MORNING.plusMinutes(5)));
    assertThat(timelineKinds(lead)).containsSubsequence(Kind.CAPTURED, Kind.ROUTED, Kind.JOINED, Kind.REROUTED_UPWARD);
    assertThat(runtimeService.createProcessInstanceQuery().count()).as("no second lead").isEqualTo(leadsBefore);
    assertThat(store.inquiryCount(joined.leadId())).isEqualTo(2);
  }

  @Test
  void escalatedLeadIsReRoutedUpwardWhenAMoreUrgentInquiryJoins() {
    ProcessInstance lead = captureThroughApi(standardLead());
    setClock(TUESDAY_MORNING.plusHours(1));
    execute(job("BoundaryEvent_LevelTimeUp", lead));
    assertThat(runtimeService.getVariable(lead.getId(), "escalationLevel")).isEqualTo(2);

    inquire(inquiry("ai-receptionist", "+15125550142", "The drain backed up and the kitchen is flooding", true));

    assertThat(lead).hasPassed("BoundaryEvent_AcceptMoreUrgent").isWaitingAt("UserTask_AcceptLead");
    assertThat(runtimeService.getVariables(lead.getId())).containsEntry("leadClass", "EMERGENCY").containsEntry("escalated", false)
        .as("a new class starts its own ladder at the bottom").containsEntry("escalationLevel", 1);
    assertThat(openTask(lead, "UserTask_AcceptLead")).isAssignedTo("dispatcher");
  }

  @Test
  void lessUrgentInquiryNeverMovesALeadDownAndItsOwnerKeepsItOnTheLead() {
    ProcessInstance lead = captureThroughApi(emergencyLead());

    inquire(inquiry("web-form", "+1 512 555 0199", "Also, could you quote a new water heater some time?", false));

    assertThat(runtimeService.getVariable(lead.getId(), "leadClass")).isEqualTo("EMERGENCY");
    assertThat(lead).hasNotPassed("BoundaryEvent_AcceptMoreUrgent");
    Task review = reviewTask(lead);
    assertThat(review).hasName("New inquiry: Maria Lopez · Burst pipe under the kitchen sink · EMERGENCY");
    offered(review, "dispatch");
    assertThat(taskService.getTaskComments(openTask(lead, "UserTask_AcceptLead").getId()))
        .extracting(comment -> comment.getFullMessage()).singleElement().asString()
        .startsWith("New inquiry joined this lead: ").contains("quote a new water heater");

    taskService.claim(review.getId(), "dispatcher");
    assertThatThrownBy(() -> taskService.complete(review.getId())).hasMessage("Choose whether the new inquiry is the same job or a different job");
    complete(review, Map.of("joinedDecision", "same-job"));

    assertThat(lead).hasPassed("EndEvent_KeptOnLead").isWaitingAt("UserTask_AcceptLead");
  }

  @Test
  void joinedInquiryAboutADifferentJobIsSplitIntoALeadOfItsOwn() {
    ProcessInstance lead = captureThroughApi(premiumLead());
    Map<String, Object> secondBuilding = inquiry("call", "512.555.0142", "Second building on Lamar needs a full re-pipe too", false);
    secondBuilding.put("address", Map.of("line1", "901 N Lamar Blvd", "postalCode", "78703"));
    inquire(secondBuilding);

    Task review = reviewTask(lead);
    taskService.claim(review.getId(), "estimator");
    complete(review, Map.of("joinedDecision", "different-job"));

    assertThat(lead).hasPassed("ServiceTask_SplitInquiry", "EndEvent_SplitOff");
    String splitId = (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(lead.getId()).variableName("splitLeadId").singleResult().getValue();
    var split = store.lead(splitId).orElseThrow();
    assertThat(split.splitFrom()).isEqualTo(leadId(lead));
    ProcessInstance splitLead = runtimeService.createProcessInstanceQuery().processInstanceId(split.processInstanceId()).singleResult();
    execute(job(splitLead));
    assertThat(runtimeService.getVariables(splitLead.getId()))
        .containsEntry("addressLine1", "901 N Lamar Blvd")
        .containsEntry("problem", "Second building on Lamar needs a full re-pipe too");
    assertThat(timelineKinds(splitLead)).contains(Kind.CAPTURED, Kind.SPLIT);
  }

  @Test
  void repeatedInquiryWithNothingNewIsRecordedWithoutATask() {
    ProcessInstance lead = captureThroughApi(standardLead());

    inquire(inquiry("web-form", "priya.n@EXAMPLE.com", "Kitchen sink drains slowly, getting worse for a week", false));

    assertThat(lead).hasPassed("EndEvent_InquiryRecorded");
    assertThat(taskService.createTaskQuery().processInstanceId(lead.getId()).count()).isEqualTo(1);
    assertThat(runtimeService.getVariable(lead.getId(), "joinedInquiryCount")).isEqualTo(1);
  }

  @Test
  void acceptedLeadKeepsItsOwnerWhenAMoreUrgentInquiryJoins() {
    ProcessInstance lead = captureThroughApi(standardLead());
    acceptAs("csr", task(lead), TUESDAY_MORNING.plusHours(1));

    inquire(inquiry("call", "512-555-0142", "Water is now on the floor", true));

    Task contact = openTask(lead, "UserTask_RecordFirstContact");
    assertThat(contact).isAssignedTo("csr");
    assertThat(contact.getPriority()).isEqualTo(90);
    assertThat(lead).hasNotPassed("BoundaryEvent_AcceptMoreUrgent");
  }

  @Test
  void closedLeadFreesThePersonsPhoneForTheirNextLead() {
    ProcessInstance first = captureThroughApi(standardLead());
    acceptAs("csr", task(first), TUESDAY_MORNING.plusHours(1));
    complete(task(first), Map.of("contactOutcome", "booked", "contactNotes", "Booked Thursday",
        "appointmentAt", TUESDAY_MORNING.plusDays(2).toOffsetDateTime().toString()));
    assertThat(store.lead(leadId(first)).orElseThrow().outcome()).isEqualTo("BOOKED");

    Receipt next = inquire(inquiry("call", "512-555-0142", "The other sink now", false));

    assertThat(next.status()).isEqualTo(LeadIntake.Status.CREATED);
    assertThat(next.leadId()).isNotEqualTo(leadId(first));
  }

  @Test
  void aJoinedInquirysNewEmailFindsTheLeadToo() {
    ProcessInstance lead = captureThroughApi(premiumLead());
    Map<String, Object> withEmail = inquiry("call", "512-555-0142", null, false);
    withEmail.put("email", "tom.becker@harbor.com");
    inquire(withEmail);

    Receipt byEmail = inquire(inquiry("web-form", "Tom.Becker@harbor.com", "Any news?", false));

    assertThat(byEmail.status()).isEqualTo(LeadIntake.Status.JOINED_EXISTING);
    assertThat(byEmail.leadId()).isEqualTo(leadId(lead));
  }

  @Test
  void aLeadDeletedWithoutItsListenersDoesNotLockThePersonOut() {
    ProcessInstance lead = captureThroughApi(standardLead());
    runtimeService.deleteProcessInstance(lead.getId(), "removed in Cockpit", true);

    Receipt next = inquire(inquiry("call", "512-555-0142", "The sink again", false));

    assertThat(next.status()).isEqualTo(LeadIntake.Status.CREATED);
    assertThat(store.lead(leadId(lead)).orElseThrow().outcome()).isEqualTo("ENDED");
  }

  // ---------------------------------------------------------------- helpers

  private ProcessInstance captureThroughApi(Map<String, Object> fields) {
    Receipt receipt = inquire(apiBody(fields));
    ProcessInstance lead = runtimeService.createProcessInstanceQuery()
        .processInstanceId(store.lead(receipt.leadId()).orElseThrow().processInstanceId()).singleResult();
    execute(job(lead));
    return lead;
  }

  /** Posts an inquiry; one that joins a lead is then worked by the lead's own job, run here. */
  private Receipt inquire(Map<String, Object> body) {
    Receipt receipt = intake.capture(reader.read(json.valueToTree(body)), "test");
    if (receipt.status() == LeadIntake.Status.JOINED_EXISTING) {
      String processInstanceId = store.lead(receipt.leadId()).orElseThrow().processInstanceId();
      engine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
          .activityId("ServiceTask_RecordJoinedInquiry").list()
          .forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
    return receipt;
  }

  /** The flat variables of the lead builders below as the API's JSON, with the address as an object. */
  private static Map<String, Object> apiBody(Map<String, Object> fields) {
    Map<String, Object> body = new HashMap<>(fields);
    Map<String, Object> address = new HashMap<>();
    for (var part : Map.of("addressLine1", "line1", "city", "city", "region", "region", "postalCode", "postalCode").entrySet()) {
      Object value = body.remove(part.getKey());
      if (value != null) {
        address.put(part.getValue(), value);
      }
    }
    body.put("address", address);
    return body;
  }

  private static Map<String, Object> inquiry(String source, String contact, String problem, boolean activeLoss) {
    Map<String, Object> body = new HashMap<>();
    body.put("source", source);
    body.put(contact.contains("@") ? "email" : "phone", contact);
    body.put("problem", problem);
    body.put("activeLoss", activeLoss);
    return body;
  }

  private String leadId(ProcessInstance lead) {
    return store.leadOfProcess(lead.getId()).orElseThrow().id();
  }

  private Task reviewTask(ProcessInstance lead) {
    return openTask(lead, "UserTask_ReviewJoinedInquiry");
  }

  private Task openTask(ProcessInstance lead, String definitionKey) {
    return taskService.createTaskQuery().processInstanceId(lead.getId()).taskDefinitionKey(definitionKey).singleResult();
  }

  private java.util.List<Kind> timelineKinds(ProcessInstance lead) {
    return timeline.of(lead.getId()).stream().map(Timeline.Entry::kind).toList();
  }

  private ProcessInstance capture(Map<String, Object> fields) {
    ProcessInstance lead = runtimeService.startProcessInstanceByKey("lead-handoff", fields);
    assertThat(lead).isWaitingAt("StartEvent_LeadCaptured");
    execute(job(lead));
    return lead;
  }

  private void acceptAs(String user, Task task, ZonedDateTime firstContactBy) {
    taskService.claim(task.getId(), user);
    complete(task, acceptance(firstContactBy));
  }

  private void complete(Task task, Map<String, Object> variables) {
    taskService.complete(task.getId(), variables);
  }

  private static Map<String, Object> acceptance(ZonedDateTime firstContactBy) {
    Map<String, Object> form = new HashMap<>();
    form.put("acceptDecision", "accept");
    form.put("contextConfirmed", true);
    form.put("nextAction", "Call to book a visit");
    form.put("firstContactAt", firstContactBy.toOffsetDateTime().toString());
    return form;
  }

  /** The task is offered to these groups (whether or not a person holds it). */
  private void offered(Task task, String... groups) {
    assertThat(candidateGroups(task)).as("candidate groups of %s", task.getName()).contains(groups);
  }

  private java.util.List<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .map(org.camunda.bpm.engine.task.IdentityLink::getGroupId).filter(java.util.Objects::nonNull).toList();
  }

  private Object historicVariable(ProcessInstance lead, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(lead.getId()).variableName(name).singleResult().getValue();
  }

  private void withTables(Map<String, String> files, Runnable story) {
    var builder = repositoryService.createDeployment().name("routing-variant");
    files.forEach(builder::addString);
    var deployment = builder.deploy();
    try {
      story.run();
    } finally {
      repositoryService.deleteDeployment(deployment.getId(), true);
    }
  }

  private void withTable(String resource, Runnable story) {
    var deployment = repositoryService.createDeployment().addClasspathResource(resource).name("routing-variant").deploy();
    try {
      story.run();
    } finally {
      repositoryService.deleteDeployment(deployment.getId(), true);
    }
  }

  private static void setClock(ZonedDateTime time) {
    ClockUtil.setCurrentTime(at(time));
  }

  private static Date at(ZonedDateTime time) {
    return Date.from(time.toInstant());
  }
}
