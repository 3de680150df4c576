package com.leadhandoff.routing;

import com.leadhandoff.escalation.DueDates;
import com.leadhandoff.escalation.Ladder;
import com.leadhandoff.lead.LeadClass;
import com.leadhandoff.lead.LeadText;
import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import com.leadhandoff.team.Team;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Evaluates the routing DRD (top decision {@code lead-routing}) for the lead, copies the answer
 * onto it and turns its durations into due dates. A table that fails, matches no rule, or answers
 * something unusable (an unknown class or group, a duration that is not ISO-8601) is not guessed
 * at: the lead goes to the office manager with the reason, due at once. A failing table is also
 * shown to the ops leads, who own it: until they fix it, routing by hand fails the same way and
 * the lead stays with the office manager. Evaluated inside the process, so decision history
 * records it against this lead.
 */
@Component("routeLead")
public class RouteLead implements JavaDelegate {

  public static final String DECISION = "lead-routing";
  /** The routing version the lead was first routed with, kept for its whole life. */
  public static final String PIN = "routingDecisionId";
  /** The step that routes a lead: its decision history is the lead's routing history. */
  public static final String ROUTING_STEP = "BusinessRuleTask_RouteLead";
  private static final String LEGACY_TAKE_OVER = "UserTask_TakeOverEscalatedLead";

  private static final List<String> DURATIONS = List.of("acceptWithin", "contactWithin");
  private final DueDates dueDates;
  private final LeadText text;

  private final IdentityService identityService;
  private final Timeline timeline;
  private final Ladder ladder;

  public RouteLead(DueDates dueDates, LeadText text, IdentityService identityService, Timeline timeline, Ladder ladder) {
    this.dueDates = dueDates;
    this.text = text;
    this.identityService = identityService;
    this.timeline = timeline;
    this.ladder = ladder;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DecisionTables.Pinned pinned = DecisionTables.pinned(execution, DECISION, PIN, ROUTING_STEP);
    DecisionDefinition latest = latest();
    Attempt attempt;
    String repinned = pinned.lost();
    if (pinned.definition() != null) {
      attempt = attempt(execution, pinned.definition());
      if (attempt.problem() != null && latest != null && !latest.getId().equals(pinned.definition().getId())) {
        Attempt withLatest = attempt(execution, latest);
        if (withLatest.problem() == null) {
          repinned = "its " + DecisionTables.named(pinned.definition()) + " cannot route it (" + attempt.problem() + ")";
          attempt = withLatest;
        }
      }
    } else {
      attempt = latest == null ? new Attempt(null, null, "No routing table is deployed", true) : attempt(execution, latest);
    }
    Map<String, Object> routing = attempt.routing();
    String problem = attempt.problem();
    boolean tableFailed = attempt.failed();
    DecisionDefinition version = attempt.version();
    String classBefore = (String) execution.getVariable("leadClass");
    boolean rerouted = Boolean.TRUE.equals(execution.getVariable("rerouteUpward"));
    execution.removeVariable("rerouteUpward");
    Object byHand = execution.getVariable("classOverride");
    execution.removeVariable("classOverride");
    execution.setVariable("routingMatched", problem == null);
    execution.setVariable("routingFailure", problem);
    if (problem != null) {
      handToOfficeManager(execution, tableFailed);
      timeline.record(execution, Kind.ROUTING_FAILED, problem + "; the office manager routes it by hand", null);
      return;
    }
    routing.forEach(execution::setVariable);
    String rules = pin(execution, version, repinned != null);
    if (repinned != null) {
      timeline.record(execution, Kind.WARNING, "Routed with " + DecisionTables.named(version) + ", the version in force now: " + repinned, null);
    }
    execution.setVariable("escalated", false);
    execution.removeVariable("escalationNote");
    boolean businessHours = Boolean.TRUE.equals(routing.get("businessHours"));
    int priority = ((Number) routing.get("priority")).intValue();
    var acceptDue = dueDates.fromNow((String) routing.get("acceptWithin"), businessHours);
    execution.setVariable("acceptDue", acceptDue);
    execution.setVariable("acceptDueText", text.time(acceptDue));
    execution.setVariable("contactWithinText", LeadText.duration(DueDates.parse((String) routing.get("contactWithin"))));
    if (execution.getBpmnModelInstance().getModelElementById(LEGACY_TAKE_OVER) != null) {
      keepLegacyLeadMoving(execution, (String) routing.get("acceptWithin"), businessHours, priority);
    }
    execution.setVariable("slaState", "ON_TRACK");
    String where = routing.get("leadClass") + " to " + routing.get("ownerGroup") + ", accept by " + text.time(acceptDue)
        + (routing.get("routingReason") == null ? "" : ": " + routing.get("routingReason")) + "; rules " + rules;
    if (rerouted) {
      timeline.record(execution, Kind.REROUTED_UPWARD, "Re-routed upward from " + classBefore + " after a more urgent inquiry: " + where, null);
    } else if (byHand != null) {
      timeline.record(execution, Kind.ROUTED_BY_HAND, "Routed by hand as " + where, null);
    } else {
      timeline.record(execution, Kind.ROUTED, "Routed " + where, null);
    }
  }

  /**
   * Pins the routing version that placed the lead, and the escalation ladder in force, the first
   * time the lead is routed: later routings (a more urgent inquiry, the office's choice) and every
   * ladder level use the same versions. A routing that failed pins nothing, so a fixed table
   * reaches the lead; a pinned version that can no longer route the lead gives way to the one in
   * force, which is pinned instead. Returns the versions, as the timeline names them.
   */
  private String pin(DelegateExecution execution, DecisionDefinition version, boolean replace) {
    if (replace || !version.getId().equals(execution.getVariable(PIN))) {
      execution.setVariable(PIN, version.getId());
      execution.setVariable("routingVersion", DecisionTables.named(version));
    }
    return DecisionTables.named(version) + ", " + ladder.pin(execution).map(DecisionTables::named).orElse("built-in ladder");
  }

  /**
   * A lead started on a process version from before the escalation ladder and routed again (a
   * joined inquiry, an override) still follows its old model, whose reassign timer and take-over
   * task need these: reassigned at twice the acceptance time, as the built-in ladder does.
   */
  private void keepLegacyLeadMoving(DelegateExecution execution, String acceptWithin, boolean businessHours, int priority) {
    String reassignAfter = Ladder.defaultMoveUpAfter(acceptWithin);
    execution.setVariable("reassignAfter", reassignAfter);
    execution.setVariable("reassignDue", dueDates.fromNow(reassignAfter, businessHours));
    execution.setVariable("escalationPriority", Math.min(100, priority + 10));
  }

  private record Attempt(DecisionDefinition version, Map<String, Object> routing, String problem, boolean failed) {}

  /** Evaluates one version for the lead, the way a business rule task would, so decision history records it against the lead. */
  private Attempt attempt(DelegateExecution execution, DecisionDefinition version) {
    try {
      var result = DecisionEvaluationUtil.evaluateDecision(version, execution.getVariablesTyped());
      Map<String, Object> routing = result.isEmpty() ? null : result.getSingleResult().getEntryMap();
      return new Attempt(version, routing, routing == null ? "No routing rule matched this lead" : problemWith(routing), false);
    } catch (Exception failure) {
      return new Attempt(version, null, "The routing table failed: " + failure.getMessage(), true);
    }
  }

  private static DecisionDefinition latest() {
    try {
      return DecisionTables.latest(DECISION);
    } catch (ProcessEngineException notDeployed) {
      return null;
    }
  }

  /** No usable routing: the lead waits for the office manager, due now, without a class it was not given. */
  private static void handToOfficeManager(DelegateExecution execution, boolean tableFailed) {
    for (String output : List.of("leadClass", "routingReason", "poorFitReason")) {
      execution.removeVariable(output);
    }
    execution.setVariable("routeByHandDue", ClockUtil.getCurrentTime());
    execution.setVariable("routeByHandGroups", tableFailed ? Team.OFFICE.groupId() + "," + Team.OPS_LEADS.groupId() : Team.OFFICE.groupId());
  }

  /** What makes this answer unusable, or null if it can be followed. */
  private String problemWith(Map<String, Object> routing) {
    Object leadClass = routing.get("leadClass");
    if (LeadClass.named(leadClass).isEmpty()) {
      return "The routing table answered an unknown lead class '" + leadClass + "'";
    }
    for (String group : List.of("ownerGroup", "escalationGroup")) {
      if (!(routing.get(group) instanceof String name) || name.isBlank()) {
        return "The routing table gave no " + group + " for class " + leadClass;
      }
      if (identityService.createGroupQuery().groupId(name).count() == 0) {
        return "The routing table's " + group + " '" + name + "' for class " + leadClass + " is not a group";
      }
    }
    if (!(routing.get("priority") instanceof Number)) {
      return "The routing table gave no task priority for class " + leadClass;
    }
    for (String name : DURATIONS) {
      try {
        DueDates.parse((String) routing.get(name));
      } catch (IllegalArgumentException | ClassCastException e) {
        return "The routing table's " + name + " for class " + leadClass + " is unusable: " + e.getMessage();
      }
    }
    return null;
  }
}
