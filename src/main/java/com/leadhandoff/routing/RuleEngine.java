package com.leadhandoff.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionLogicEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;

/**
 * A DMN engine of its own, with the process engine's settings (FEEL parsed once, {@link ParsedFeel}) but no history, for
 * evaluating tables that are not (or not yet) deployed: acceptance cases and backtests. Each
 * evaluation also says which rule decided in every decision of the graph.
 */
public final class RuleEngine {

  private static final ThreadLocal<Map<String, List<String>>> MATCHED = new ThreadLocal<>();

  static final DmnEngine ENGINE = build();

  private RuleEngine() {}

  /** The answer, and the ids of the rules that matched per decision key. */
  public record Evaluation(DmnDecisionResult result, Map<String, List<String>> matchedRules) {

    /** The first row's outputs, or null when no rule matched. */
    public Map<String, Object> answer() {
      return result.isEmpty() ? null : result.getFirstResult().getEntryMap();
    }

    public List<String> matched(String decisionKey) {
      return matchedRules.getOrDefault(decisionKey, List.of());
    }
  }

  public static Evaluation evaluate(DmnDecision decision, Map<String, Object> variables) {
    Map<String, List<String>> matched = new LinkedHashMap<>();
    MATCHED.set(matched);
    try {
      return new Evaluation(ENGINE.evaluateDecision(decision, variables), matched);
    } finally {
      MATCHED.remove();
    }
  }

  private static DmnEngine build() {
    DmnDecisionEvaluationListener recorder = event -> {
      record(event.getDecisionResult());
      event.getRequiredDecisionResults().forEach(RuleEngine::record);
    };
    var configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionEvaluationListeners(List.of(recorder));
    configuration.feelEngineFactory(ParsedFeel.factory(configuration::getFeelCustomFunctionProviders));
    return configuration.buildEngine();
  }

  private static void record(DmnDecisionLogicEvaluationEvent event) {
    Map<String, List<String>> matched = MATCHED.get();
    if (matched != null && event instanceof DmnDecisionTableEvaluationEvent table) {
      List<String> rules = matched.computeIfAbsent(event.getDecision().getKey(), key -> new ArrayList<>());
      table.getMatchingRules().forEach(rule -> rules.add(rule.getId()));
    }
  }
}
