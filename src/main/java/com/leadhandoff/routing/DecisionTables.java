package com.leadhandoff.routing;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Evaluates the latest version of a decision from inside a running process step, the way a
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
   * What the table would answer for this lead if some of its variables were different: a what-if
   * asked from inside a step, never copied onto the lead by this call.
   */
  public static Optional<Map<String, Object>> answerIf(DelegateExecution execution, String decisionKey, Map<String, Object> changes) {
    VariableMap variables = Variables.fromMap(execution.getVariables());
    variables.putAll(changes);
    try {
      var result = DecisionEvaluationUtil.evaluateDecision(latest(decisionKey), variables);
      return result.isEmpty() ? Optional.empty() : Optional.of(result.getSingleResult().getEntryMap());
    } catch (Exception tableFailed) {
      return Optional.empty();
    }
  }

  public static DmnDecisionResult evaluateLatest(DelegateExecution execution, String decisionKey) throws Exception {
    return DecisionEvaluationUtil.evaluateDecision(latest(decisionKey), execution.getVariablesTyped());
  }

  private static DecisionDefinition latest(String decisionKey) {
    return Context.getProcessEngineConfiguration().getDeploymentCache().findDeployedLatestDecisionDefinitionByKey(decisionKey);
  }
}
