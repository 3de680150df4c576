package com.leadhandoff.process;

import com.leadhandoff.ownership.OnCall;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The people process tests work with: one or more members per team, dispatch and dispatch leads
 * with a weekly on-call rotation, and a clean rotation state, so every test sees the same picks.
 */
public final class TestTeams {

  public static final Map<String, List<String>> MEMBERS = Map.ofEntries(
      Map.entry("csr", List.of("intake")),
      Map.entry("dispatcher", List.of("dispatch")),
      Map.entry("dispatcher-2", List.of("dispatch")),
      Map.entry("dispatch-lead", List.of("dispatch", "dispatch-leads")),
      Map.entry("estimator", List.of("sales")),
      Map.entry("estimator-2", List.of("sales")),
      Map.entry("sales-lead", List.of("sales", "sales-leads")),
      Map.entry("office-manager", List.of("office")),
      Map.entry("manager", List.of("managers")),
      Map.entry("manager-2", List.of("managers")),
      Map.entry("ops-lead", List.of("ops-leads")));

  private TestTeams() {}

  public static void setUp(IdentityService identity, OnCall onCall, JdbcTemplate jdbc) {
    MEMBERS.forEach((userId, groups) -> {
      if (identity.createUserQuery().userId(userId).count() == 0) {
        var user = identity.newUser(userId);
        user.setFirstName(userId);
        user.setLastName("Test");
        identity.saveUser(user);
        groups.forEach(group -> identity.createMembership(userId, group));
      }
    });
    for (String table : List.of("lh_rotation", "lh_person", "lh_on_call_override", "lh_on_call_schedule", "lh_channel")) {
      jdbc.update("delete from " + table);
    }
    Instant mondayMorning = ZonedDateTime.of(2026, 11, 23, 8, 0, 0, 0, ZoneId.of("America/Chicago")).toInstant();
    onCall.saveSchedule(new OnCall.Schedule("dispatch", List.of("dispatcher", "dispatcher-2"), "P7D", mondayMorning, "test", mondayMorning));
    onCall.saveSchedule(new OnCall.Schedule("dispatch-leads", List.of("dispatch-lead"), "P7D", mondayMorning, "test", mondayMorning));
  }
}
