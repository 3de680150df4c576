package com.leadhandoff.routing;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;

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

  public static DmnDecisionResult evaluateLatest(DelegateExecution execution, String decisionKey) throws Exception {
    var decision = Context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedLatestDecisionDefinitionByKey(decisionKey);
    return DecisionEvaluationUtil.evaluateDecision(decision, execution.getVariablesTyped());
  }
}
