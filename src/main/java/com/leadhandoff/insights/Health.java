package com.leadhandoff.insights;

import com.leadhandoff.lead.LeadClass;
import com.leadhandoff.routing.DeployedTables;
import com.leadhandoff.routing.RuleEngine;
import com.leadhandoff.routing.RuleFile;
import java.sql.Timestamp;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The handoff's health figures for a period, each with the colour {@code dmn/handoff-health.dmn}
 * gives it: median and 90th percentile minutes to accept per class, the share accepted within the
 * SLA, leads waiting past their SLA and emergencies waiting over 5 minutes right now, inquiries
 * that joined an open lead, leads never contacted, and declines per person. The table in force is
 * evaluated without writing decision history (it is asked on every page view).
 */
@Component
public class Health {

  public static final String DECISION = "handoff-health";
  private static final List<LeadClass> ACCEPTED_CLASSES = List.of(LeadClass.EMERGENCY, LeadClass.PREMIUM, LeadClass.STANDARD);

  /** One figure; value null means there was nothing to measure (colour "none"). */
  public record Figure(String metric, String label, String leadClass, String person, Double value, String unit, String colour, String note) {}

  public record Report(Instant from, Instant to, Instant asOf, String table, List<Figure> figures) {}

  private final JdbcTemplate jdbc;
  private final LeadFacts facts;
  private final DeployedTables deployed;

  public Health(JdbcTemplate jdbc, LeadFacts facts, DeployedTables deployed) {
    this.jdbc = jdbc;
    this.facts = facts;
    this.deployed = deployed;
  }

  /** As of the engine's clock, which is the one history was written with. */
  public Report of(Period period) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<LeadFacts.Lead> leads = facts.of(period);
    List<Figure> figures = new ArrayList<>();
    Colours colours = colours();
    for (LeadClass leadClass : ACCEPTED_CLASSES) {
      List<Double> minutes = leads.stream().filter(l -> leadClass.name().equals(l.leadClass())).map(LeadFacts.Lead::minutesToAccept)
          .filter(m -> m != null).toList();
      figures.add(colours.figure("medianAcceptMinutes", "Median minutes to accept", leadClass.name(), null,
          Percentiles.of(minutes, 0.5), "minutes"));
      figures.add(colours.figure("p90AcceptMinutes", "90% accepted within (minutes)", leadClass.name(), null,
          Percentiles.of(minutes, 0.9), "minutes"));
    }
    // every lead to be accepted whose deadline has come: accepted ones, and ones still waiting past it (or ended unaccepted);
    // poor fits are reviewed by the office, not accepted
    List<LeadFacts.Lead> due = leads.stream().filter(l -> l.acceptDue() != null && !LeadClass.POOR_FIT.name().equals(l.leadClass()))
        .filter(l -> l.acceptedAt() != null || !l.acceptDue().isAfter(now)).toList();
    Double share = due.isEmpty() ? null
        : due.stream().filter(l -> l.acceptedAt() != null && !l.acceptedAt().isAfter(l.acceptDue())).count() / (double) due.size();
    figures.add(colours.figure("acceptedWithinSlaShare", "Accepted within the SLA", null, null, share, "share"));
    figures.add(colours.figure("unownedPastSlaNow", "Waiting past their SLA now", null, null, (double) unownedPastSla(now), "leads"));
    figures.add(colours.figure("emergenciesUnownedPast5MinNow", "Emergencies waiting over 5 minutes now", null, null,
        (double) emergenciesWaiting(now), "leads"));
    figures.add(colours.figure("joinedDuplicates", "Inquiries that joined an open lead", null, null, (double) joined(period), "inquiries"));
    figures.add(colours.figure("neverContacted", "Leads never contacted", null, null, (double) neverContacted(leads, now), "leads"));
    declines(period).forEach((person, count) ->
        figures.add(colours.figure("declinesPerOwner", "Declines", null, person, (double) count, "declines")));
    return new Report(period.from(), period.to(), now, colours.table(), figures);
  }

  // The lead's variables are looked up by their scope, the process instance, which Camunda's unique index on
  // (var_scope_, name_) finds directly; by proc_inst_id_ the database reads every variable of each waiting lead.

  private long unownedPastSla(Instant now) {
    return jdbc.queryForObject("select count(*) from act_ru_task t join act_ru_variable v on v.var_scope_ = t.proc_inst_id_"
        + " and v.name_ = 'acceptDue' where t.task_def_key_ = 'UserTask_AcceptLead' and v.long_ < ?", Long.class, now.toEpochMilli());
  }

  /** The start is looked up for the waiting emergencies only, not joined with every lead of history. */
  private long emergenciesWaiting(Instant now) {
    return jdbc.queryForObject("select count(*) from (select (select p.start_time_ from act_hi_procinst p where p.id_ = t.proc_inst_id_)"
        + " as started from act_ru_task t join act_ru_variable v on v.var_scope_ = t.proc_inst_id_ and v.name_ = 'leadClass'"
        + " and v.text_ = 'EMERGENCY' where t.task_def_key_ = 'UserTask_AcceptLead') waiting where waiting.started < ?", Long.class,
        Timestamp.from(now.minus(Duration.ofMinutes(5))));
  }

  private long joined(Period period) {
    return jdbc.queryForObject("select count(*) from lh_inquiry where status = 'JOINED_EXISTING' and received_at >= ? and received_at < ?",
        Long.class, period.fromTimestamp(), period.toTimestamp());
  }

  /**
   * Leads of the period no one has reached out to: accepted ones that ended without a contact,
   * and ones whose promised first contact is overdue now. Poor fits are reviewed, not contacted.
   */
  private long neverContacted(List<LeadFacts.Lead> leads, Instant now) {
    Map<String, Boolean> overdue = new HashMap<>();
    jdbc.query("select t.proc_inst_id_ from act_ru_task t where t.task_def_key_ = 'UserTask_RecordFirstContact' and t.due_date_ < ?",
        rs -> {
          overdue.put(rs.getString(1), true);
        }, Timestamp.from(now));
    return leads.stream().filter(l -> l.contactedAt() == null && !LeadClass.POOR_FIT.name().equals(l.leadClass()))
        .filter(l -> (l.endedAt() != null && l.acceptedAt() != null) || overdue.containsKey(l.processInstanceId())).count();
  }

  private Map<String, Long> declines(Period period) {
    Map<String, Long> byPerson = new java.util.TreeMap<>();
    jdbc.query("select user_id, count(*) from lh_decline where declined_at >= ? and declined_at < ? group by user_id",
        rs -> {
          byPerson.put(rs.getString(1), rs.getLong(2));
        }, period.fromTimestamp(), period.toTimestamp());
    return byPerson;
  }

  private Colours colours() {
    try {
      return deployed.latest(DECISION).map(definition -> new Colours(deployed.file(definition), DECISION + " v" + definition.getVersion()))
          .orElseGet(() -> new Colours(null, "no " + DECISION + " table is deployed"));
    } catch (RuntimeException unreadable) {
      return new Colours(null, DECISION + " cannot be read: " + unreadable.getMessage());
    }
  }

  /** The colouring table in force (null: none usable). */
  private record Colours(RuleFile file, String table) {
    Figure figure(String metric, String label, String leadClass, String person, Double value, String unit) {
      if (value == null) {
        return new Figure(metric, label, leadClass, person, null, unit, "none", "Nothing to measure in this period");
      }
      if (file == null) {
        return new Figure(metric, label, leadClass, person, value, unit, "unknown", table);
      }
      Map<String, Object> variables = new HashMap<>();
      variables.put("metric", metric);
      variables.put("leadClass", leadClass);
      variables.put("value", value);
      try {
        Map<String, Object> answer = RuleEngine.evaluate(file.runnable(DECISION), variables).answer();
        if (answer == null) {
          return new Figure(metric, label, leadClass, person, value, unit, "unknown", "No rule of " + table + " matches this figure");
        }
        return new Figure(metric, label, leadClass, person, value, unit, String.valueOf(answer.get("colour")),
            answer.get("note") == null ? null : answer.get("note").toString());
      } catch (RuntimeException failed) {
        return new Figure(metric, label, leadClass, person, value, unit, "unknown", table + " failed: " + failed.getMessage());
      }
    }
  }
}
