package com.leadhandoff.routing;

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

  public static DmnDecisionResult evaluateLatest(DelegateExecution execution, String decisionKey) throws Exception {
    var decision = Context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedLatestDecisionDefinitionByKey(decisionKey);
    return DecisionEvaluationUtil.evaluateDecision(decision, execution.getVariablesTyped());
  }
}
