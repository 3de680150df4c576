package com.leadhandoff.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadhandoff.ownership.Rotation.Status;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The rotation's fairness and the on-call schedule, on the real database tables, with times given rather than waited for. */
@SpringBootTest
// Camunda registers its engine once per JVM: each class closes its context before the next starts one.
@DirtiesContext
@ActiveProfiles("test")
class RotationAndOnCallTest {

  private static final ZoneId OFFICE = ZoneId.of("America/Chicago");
  private static final String TEAM = "rotation-test";
  private static final Instant TUESDAY_10 = ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, OFFICE).toInstant();

  @Autowired Rotation rotation;
  @Autowired OnCall onCall;
  @Autowired People people;
  @Autowired IdentityService identity;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void team() {
    if (identity.createGroupQuery().groupId(TEAM).count() == 0) {
      identity.saveGroup(identity.newGroup(TEAM));
      for (String user : List.of("ann", "bob", "cat")) {
        var person = identity.newUser(user);
        person.setFirstName(user.substring(0, 1).toUpperCase() + user.substring(1));
        identity.saveUser(person);
        identity.createMembership(user, TEAM);
      }
    }
    for (String table : List.of("lh_rotation", "lh_person", "lh_on_call_override", "lh_on_call_schedule")) {
      jdbc.update("delete from " + table);
    }
  }

  @Test
  void leadsGoRoundTheTeamLeastRecentlyAssignedFirst() {
    assertThat(picks(6, TUESDAY_10)).containsExactly("ann", "bob", "cat", "ann", "bob", "cat");
  }

  @Test
  void someoneBackFromAbsenceGetsOneLeadThenWaitsTheirTurnInsteadOfCatchingUp() {
    people.save(new People.Availability("bob", null, TUESDAY_10.plusSeconds(3600), "holiday", null, Map.of(), "manager", TUESDAY_10));
    assertThat(picks(6, TUESDAY_10)).as("away: skipped").containsExactly("ann", "cat", "ann", "cat", "ann", "cat");

    assertThat(picks(6, TUESDAY_10.plusSeconds(7200))).as("back: one lead, then the normal turn, not six catch-up leads")
        .containsExactly("bob", "ann", "cat", "bob", "ann", "cat");
  }

  @Test
  void theStandingSaysWhoIsNextAndWhyTheOthersAreSkipped() {
    people.save(new People.Availability("ann", null, null, null, null,
        Map.of(DayOfWeek.MONDAY, new People.Shift(java.time.LocalTime.of(6, 0), java.time.LocalTime.of(9, 0))), "manager", TUESDAY_10));
    people.save(new People.Availability("cat", TUESDAY_10.minusSeconds(60), null, "sick", null, Map.of(), "manager", TUESDAY_10));

    var standing = rotation.standing(TEAM, List.of(), TUESDAY_10);
    assertThat(standing).extracting(Rotation.Member::userId).containsExactly("bob", "ann", "cat");
    assertThat(standing).extracting(Rotation.Member::status).containsExactly(Status.AVAILABLE, Status.OFF_SHIFT, Status.AWAY);
    assertThat(standing.get(2).note()).isEqualTo("away until further notice (sick)");

    var pick = rotation.pick(TEAM, List.of(), TUESDAY_10, TUESDAY_10);
    assertThat(pick.person().orElseThrow().userId()).isEqualTo("bob");
    assertThat(pick.why()).startsWith("Bob is next in the rotation-test rotation: not given a lead by this rotation yet; skipped Ann (off shift (monday=06:00-09:00)), Cat (away until further notice (sick))");
  }

  @Test
  void nobodyWhoDeclinedOrIsAwayIsPickedAndThatIsSaid() {
    people.save(new People.Availability("cat", TUESDAY_10.minusSeconds(1), null, "parental leave", null, Map.of(), "manager", TUESDAY_10));

    var pick = rotation.pick(TEAM, List.of("ann", "bob"), TUESDAY_10, TUESDAY_10);

    assertThat(pick.person()).isEmpty();
    assertThat(pick.why()).startsWith("nobody in rotation-test can take it: Ann (declined this lead), Bob (declined this lead), Cat (away");
  }

  @Test
  void someoneHoldingAsManyLeadsAsTheirCapacityIsSkippedAndTheStandingCountsAllTheyHold() {
    people.save(new People.Availability("ann", null, null, null, 2, Map.of(), "manager", TUESDAY_10));
    List<String> tasks = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        tasks.add(ownedTask(i % 2 == 0 ? "UserTask_AcceptLead" : "UserTask_RecordFirstContact", "ann"));
      }
      tasks.add(ownedTask("UserTask_ReviewJoinedInquiry", "bob"));

      var pick = rotation.pick(TEAM, List.of(), TUESDAY_10, TUESDAY_10);
      assertThat(pick.person().orElseThrow().userId()).isEqualTo("bob");
      assertThat(pick.why()).contains("skipped Ann (at capacity: more than 2 open leads)");
      assertThat(pick.team()).filteredOn(m -> m.userId().equals("bob")).extracting(Rotation.Member::note)
          .as("a task that is not a lead's does not count").containsExactly("0 of 8 open leads");

      var standing = rotation.standing(TEAM, List.of(), TUESDAY_10);
      var ann = standing.stream().filter(m -> m.userId().equals("ann")).findFirst().orElseThrow();
      assertThat(ann.status()).isEqualTo(Status.AT_CAPACITY);
      assertThat(ann.openLeads()).isEqualTo(5);
      assertThat(ann.note()).isEqualTo("at capacity: 5 of 2 open leads");

      for (int i = 0; i < 3; i++) {
        deleteTask(tasks.remove(0));
      }
      var atTwo = rotation.pick(TEAM, List.of(), TUESDAY_10.plusSeconds(1), TUESDAY_10.plusSeconds(1));
      assertThat(atTwo.why()).as("exactly at capacity").contains("Ann (at capacity: 2 of 2 open leads)");
    } finally {
      tasks.forEach(this::deleteTask);
    }
  }

  @Test
  void theWeeklyOnCallTurnChangesAtEightOnMondayMorningsAcrossDaylightSaving() {
    Instant start = ZonedDateTime.of(2026, 10, 26, 8, 0, 0, 0, OFFICE).toInstant();
    onCall.saveSchedule(new OnCall.Schedule(TEAM, List.of("ann", "bob"), "P7D", start, "manager", start));

    assertThat(onCall.at(TEAM, start.minusSeconds(1))).as("before the schedule starts").isEmpty();
    assertThat(onCall.at(TEAM, start).orElseThrow().userId()).isEqualTo("ann");
    Instant sundayAfterFallBack = ZonedDateTime.of(2026, 11, 1, 23, 0, 0, 0, OFFICE).toInstant();
    assertThat(onCall.at(TEAM, sundayAfterFallBack).orElseThrow().userId()).isEqualTo("ann");
    var bob = onCall.at(TEAM, ZonedDateTime.of(2026, 11, 2, 8, 0, 0, 0, OFFICE).toInstant()).orElseThrow();
    assertThat(bob.userId()).as("the handover stays at 08:00 local after the clocks go back").isEqualTo("bob");
    assertThat(bob.until()).isEqualTo(ZonedDateTime.of(2026, 11, 9, 8, 0, 0, 0, OFFICE).toInstant());
    assertThat(onCall.at(TEAM, ZonedDateTime.of(2026, 11, 2, 7, 59, 0, 0, OFFICE).toInstant()).orElseThrow().userId()).isEqualTo("ann");
  }

  @Test
  void theLatestOverrideWinsForItsPeriodOnly() {
    onCall.saveSchedule(new OnCall.Schedule(TEAM, List.of("ann"), "P1D", TUESDAY_10.minusSeconds(86400), "manager", TUESDAY_10));
    onCall.addOverride(TEAM, "bob", TUESDAY_10, TUESDAY_10.plusSeconds(3600), "swap", "manager", TUESDAY_10);
    onCall.addOverride(TEAM, "cat", TUESDAY_10.plusSeconds(1800), TUESDAY_10.plusSeconds(2400), "bob at the dentist", "manager", TUESDAY_10.plusSeconds(1));

    assertThat(onCall.at(TEAM, TUESDAY_10.plusSeconds(60)).orElseThrow().userId()).isEqualTo("bob");
    var cat = onCall.at(TEAM, TUESDAY_10.plusSeconds(2000)).orElseThrow();
    assertThat(cat.userId()).isEqualTo("cat");
    assertThat(cat.source()).isEqualTo(OnCall.Source.OVERRIDE);
    assertThat(onCall.at(TEAM, TUESDAY_10.plusSeconds(3600)).orElseThrow().userId()).isEqualTo("ann");
  }

  @Test
  void aShiftLengthThatIsNotATurnIsRefusedWithTheValue() {
    assertThatThrownBy(() -> OnCall.checkShiftLength("P1M")).hasMessageContaining("'P1M'");
    assertThatThrownBy(() -> OnCall.checkShiftLength("PT10M")).hasMessageContaining("'PT10M'");
    assertThatThrownBy(() -> OnCall.checkShiftLength("weekly")).hasMessageContaining("'weekly'");
  }

  /** A standalone task held by the person, put at a lead's step as the process would (the engine sets that only for its own tasks). */
  private String ownedTask(String step, String assignee) {
    var task = taskService.newTask();
    task.setAssignee(assignee);
    taskService.saveTask(task);
    jdbc.update("update act_ru_task set task_def_key_ = ? where id_ = ?", step, task.getId());
    return task.getId();
  }

  private void deleteTask(String id) {
    jdbc.update("update act_ru_task set task_def_key_ = null where id_ = ?", id);
    taskService.deleteTask(id, true);
  }

  private List<String> picks(int count, Instant at) {
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      picked.add(rotation.pick(TEAM, List.of(), at.plusMillis(i), at.plusMillis(i)).person().orElseThrow().userId());
    }
    return picked;
  }
}
