package com.leadhandoff.escalation;

import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.ownership.Assignments;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The escalation ladder of a lead's class, from {@code dmn/escalation-ladder.dmn}: for each level,
 * which group, how the person is picked (on call or rotation), when they are reminded and when the
 * lead moves up. The version in force when the lead was first routed is pinned to the lead
 * ({@code ladderDecisionId}), and every later level and class is asked of that same version, so an
 * ops change applies to new leads only. A table that fails or answers something unusable is not guessed at:
 * the lead follows a built-in ladder (owner group, escalation group, managers) and the timeline
 * says so.
 */
@Component
public class Ladder {

  public static final String DECISION = "escalation-ladder";
  static final int TOP = 10;

  /** One rung: group null means the owner group routing chose. */
  public record Level(int number, String group, Assignments.Method assign, String remindAfter, String reassignAfter,
      String notifyGroup, boolean builtIn) {}

  private final IdentityService identityService;

  public Ladder(IdentityService identityService) {
    this.identityService = identityService;
  }

  /**
   * The ladder version pinned to the lead, pinning the one in force now if none is (or the pinned
   * one was deleted); empty if no ladder is deployed at all.
   */
  public Optional<DecisionDefinition> pin(DelegateExecution lead) {
    var cache = Context.getProcessEngineConfiguration().getDeploymentCache();
    String pinned = text(lead, "ladderDecisionId");
    if (pinned != null) {
      try {
        return Optional.of(cache.findDeployedDecisionDefinitionById(pinned));
      } catch (ProcessEngineException deleted) {
        // pin the one in force now
      }
    }
    DecisionDefinition latest;
    try {
      latest = cache.findDeployedLatestDecisionDefinitionByKey(DECISION);
    } catch (ProcessEngineException notDeployed) {
      return Optional.empty();
    }
    lead.setVariable("ladderDecisionId", latest.getId());
    if (pinned != null) {
      lead.setVariable("ladderVersion", DECISION + " v" + latest.getVersion() + " (its pinned version was deleted)");
    }
    return Optional.of(latest);
  }

  /** The lead entered its class: level 1 of its pinned ladder; a problem is returned as the reason for the built-in ladder. */
  public Result enter(DelegateExecution lead) {
    var pinned = pin(lead);
    if (pinned.isEmpty()) {
      return builtIn(lead, 1, "no escalation ladder is deployed");
    }
    lead.setVariable("ladderBuiltIn", false);
    lead.setVariable("ladderVersion", DECISION + " v" + pinned.get().getVersion());
    return level(lead, 1);
  }

  /** A level's answer, or why the built-in ladder is used instead. */
  public record Result(Optional<Level> level, String problem) {}

  /** Level n of the lead's pinned ladder: empty above the top level. */
  public Result level(DelegateExecution lead, int number) {
    String pinned = text(lead, "ladderDecisionId");
    if (pinned == null || Boolean.TRUE.equals(lead.getVariable("ladderBuiltIn"))) {
      return builtIn(lead, number, null);
    }
    DecisionDefinition definition = pin(lead).orElse(null);
    if (definition == null) {
      return builtIn(lead, number, "no escalation ladder is deployed");
    }
    Map<String, Object> answer;
    try {
      var variables = Variables.fromMap(lead.getVariables()).putValue("escalationLevel", number);
      var result = DecisionEvaluationUtil.evaluateDecision(definition, variables);
      if (result.isEmpty()) {
        return number == 1 ? builtIn(lead, 1, "the escalation ladder has no level 1 for class " + text(lead, "leadClass"))
            : new Result(Optional.empty(), null);
      }
      answer = result.getSingleResult().getEntryMap();
    } catch (Exception failure) {
      return builtIn(lead, number, "the escalation ladder failed: " + failure.getMessage());
    }
    try {
      return new Result(Optional.of(read(number, answer)), null);
    } catch (IllegalArgumentException unusable) {
      return builtIn(lead, number, "the escalation ladder's level " + number + " for class " + text(lead, "leadClass") + " is unusable: " + unusable.getMessage());
    }
  }

  private Level read(int number, Map<String, Object> answer) {
    String group = (String) answer.get("group");
    if (group != null && identityService.createGroupQuery().groupId(group).count() == 0) {
      throw new IllegalArgumentException("group '" + group + "' does not exist");
    }
    String notify = (String) answer.get("notifyGroup");
    if (notify != null && identityService.createGroupQuery().groupId(notify).count() == 0) {
      throw new IllegalArgumentException("notifyGroup '" + notify + "' does not exist");
    }
    String remind = (String) answer.get("remindAfter");
    String reassign = (String) answer.get("reassignAfter");
    if (DueDates.parse(remind).compareTo(DueDates.parse(reassign)) > 0) {
      throw new IllegalArgumentException("remindAfter " + remind + " is later than reassignAfter " + reassign);
    }
    return new Level(number, group, Assignments.Method.named((String) answer.get("assign")), remind, reassign, notify, false);
  }

  /** Without a usable ladder a lead moves up at twice its acceptance time. */
  public static String defaultMoveUpAfter(String acceptWithin) {
    return DueDates.parse(acceptWithin).multipliedBy(2).toString();
  }

  /** Owner group, then the escalation group, then managers; reminded at the acceptance time, moved up at twice it. */
  private Result builtIn(DelegateExecution lead, int number, String problem) {
    lead.setVariable("ladderVersion", "built-in ladder");
    lead.setVariable("ladderBuiltIn", true);
    if (number > 3) {
      return new Result(Optional.empty(), problem);
    }
    String within = text(lead, "acceptWithin");
    String twice = defaultMoveUpAfter(within);
    String group = switch (number) {
      case 1 -> null;
      case 2 -> text(lead, "escalationGroup");
      default -> "managers";
    };
    String notify = number == 1 ? text(lead, "escalationGroup") : "managers";
    return new Result(Optional.of(new Level(number, group, Assignments.Method.ROTATION, within, twice, notify, true)), problem);
  }
}
