package com.leadhandoff.routing;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Evaluates a deployed decision (the latest, or the version pinned to the lead) from inside a running process step, the way a
 * business rule task does: decision history is linked to the lead, and a failing table throws
 * here, where the caller can catch it. (DecisionService would open a nested transaction that a
 * failure marks rollback-only, losing the lead's step.)
 */
public final class DecisionTables {

  private DecisionTables() {}

  /**
   * The first row's outputs, or empty when the table matched nothing or failed: for callers whose
   * safe fallback is the same either way.
   */
  public static Optional<Map<String, Object>> answer(DelegateExecution execution, String decisionKey) {
    try {
      var result = evaluateLatest(execution, decisionKey);
      return result.isEmpty() ? Optional.empty() : Optional.of(result.getSingleResult().getEntryMap());
    } catch (Exception tableFailed) {
      return Optional.empty();
    }
  }

  /**
   * What the lead's routing version would answer if some of its variables were different: a
   * what-if asked from inside a step, never copied onto the lead by this call.
   */
  public static Optional<Map<String, Object>> routingIf(DelegateExecution execution, Map<String, Object> changes) {
    VariableMap variables = Variables.fromMap(execution.getVariables());
    variables.putAll(changes);
    try {
      DecisionDefinition pinned = pinned(execution, RouteLead.DECISION, RouteLead.PIN, RouteLead.ROUTING_STEP).definition();
      var result = DecisionEvaluationUtil.evaluateDecision(pinned != null ? pinned : latest(RouteLead.DECISION), variables);
      return result.isEmpty() ? Optional.empty() : Optional.of(result.getSingleResult().getEntryMap());
    } catch (Exception tableFailed) {
      return Optional.empty();
    }
  }

  private static DmnDecisionResult evaluateLatest(DelegateExecution execution, String decisionKey) throws Exception {
    return DecisionEvaluationUtil.evaluateDecision(latest(decisionKey), execution.getVariablesTyped());
  }

  static DecisionDefinition latest(String decisionKey) {
    return Context.getProcessEngineConfiguration().getDeploymentCache().findDeployedLatestDecisionDefinitionByKey(decisionKey);
  }

  /**
   * The version pinned to the lead, if it still is deployed; lost says why a pin the lead had is
   * gone (an administrator deleted that deployment). A lead routed before pins existed is pinned
   * to the version its first routing used, from decision history.
   */
  public record Pinned(DecisionDefinition definition, String lost) {}

  public static Pinned pinned(DelegateExecution execution, String decisionKey, String pinVariable, String routingStep) {
    Object pinned = execution.getVariable(pinVariable);
    String id = pinned instanceof String text ? text : null;
    if (id == null && execution.getVariable("leadClass") != null) {
      id = execution.getProcessEngineServices().getHistoryService().createHistoricDecisionInstanceQuery()
          .processInstanceId(execution.getProcessInstanceId()).decisionDefinitionKey(decisionKey).activityIdIn(routingStep)
          .orderByEvaluationTime().asc().listPage(0, 1).stream().map(first -> first.getDecisionDefinitionId()).findFirst().orElse(null);
    }
    if (id == null) {
      return new Pinned(null, null);
    }
    try {
      return new Pinned(Context.getProcessEngineConfiguration().getDeploymentCache().findDeployedDecisionDefinitionById(id), null);
    } catch (ProcessEngineException deleted) {
      Object name = execution.getVariable("routingVersion");
      return new Pinned(null, "its " + (name == null ? decisionKey + " version" : name) + " is no longer deployed");
    }
  }

  /** "lead-routing v3": how the timeline and the lead name a version. */
  public static String named(DecisionDefinition definition) {
    return definition.getKey() + " v" + definition.getVersion();
  }
}
