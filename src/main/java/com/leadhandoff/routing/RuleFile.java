package com.leadhandoff.routing;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * One DMN file: read once as a model (rules, annotations, columns: what the guard and the diff
 * look at) and turned into runnable decisions by a standalone DMN engine (what the acceptance
 * cases and the backtest evaluate). Nothing here touches the process engine.
 */
public final class RuleFile {

  /** A DMN file that cannot be read, with the parser's reason. */
  public static class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  private final String name;
  private final byte[] xml;
  private final DmnModelInstance model;
  private final Map<String, DmnDecision> runnable = new LinkedHashMap<>();

  private RuleFile(String name, byte[] xml, DmnModelInstance model) {
    this.name = name;
    this.xml = xml;
    this.model = model;
  }

  public static RuleFile parse(String name, byte[] xml) throws Unreadable {
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(xml));
    } catch (RuntimeException notDmn) {
      throw new Unreadable(name + " is not a DMN file Camunda can read: " + rootMessage(notDmn));
    }
    String notFeel = nonFeelExpression(model);
    if (notFeel != null) {
      throw new Unreadable(name + " uses " + notFeel + ": rule tables may use FEEL only (other expression languages can run code)");
    }
    RuleFile file = new RuleFile(name, xml, model);
    try {
      for (DmnDecision decision : RuleEngine.ENGINE.parseDecisionRequirementsGraph(model).getDecisions()) {
        file.runnable.put(decision.getKey(), decision);
      }
    } catch (RuntimeException unusable) {
      throw new Unreadable(name + " cannot be turned into decisions: " + rootMessage(unusable));
    }
    return file;
  }

  /** FEEL, as DMN and Camunda name it; no attribute means FEEL for every expression Camunda evaluates in a table. */
  private static final Set<String> FEEL = Set.of("feel", "https://www.omg.org/spec/DMN/20191111/FEEL/",
      "https://www.omg.org/spec/DMN/20180521/FEEL/", "http://www.omg.org/spec/FEEL/20140401");

  /** The first expression (or the file's default) in another language than FEEL, described; null if all are FEEL. */
  private static String nonFeelExpression(DmnModelInstance model) {
    for (Definitions definitions : model.getModelElementsByType(Definitions.class)) {
      if (!isFeel(definitions.getExpressionLanguage())) {
        return "expression language '" + definitions.getExpressionLanguage() + "' for the whole file";
      }
    }
    for (LiteralExpression expression : model.getModelElementsByType(LiteralExpression.class)) {
      if (!isFeel(expression.getExpressionLanguage())) {
        return "expression language '" + expression.getExpressionLanguage() + "' in " + expression.getId();
      }
    }
    for (UnaryTests tests : model.getModelElementsByType(UnaryTests.class)) {
      if (!isFeel(tests.getExpressionLanguage())) {
        return "expression language '" + tests.getExpressionLanguage() + "' in " + tests.getId();
      }
    }
    return null;
  }

  private static boolean isFeel(String language) {
    return language == null || language.isBlank() || FEEL.contains(language.strip().toLowerCase(java.util.Locale.ROOT))
        || FEEL.contains(language.strip());
  }

  public String name() {
    return name;
  }

  public byte[] xml() {
    return xml.clone();
  }

  public List<Decision> decisions() {
    return List.copyOf(model.getModelElementsByType(Decision.class));
  }

  public Optional<Decision> decision(String key) {
    return decisions().stream().filter(d -> key.equals(d.getId())).findFirst();
  }

  public boolean has(String key) {
    return runnable.containsKey(key);
  }

  public DmnDecision runnable(String key) {
    DmnDecision decision = runnable.get(key);
    if (decision == null) {
      throw new IllegalArgumentException(name + " has no decision '" + key + "'");
    }
    return decision;
  }

  /** The decision's table, if its logic is one. */
  public static Optional<DecisionTable> table(Decision decision) {
    return decision.getExpression() instanceof DecisionTable table ? Optional.of(table) : Optional.empty();
  }

  /** The rules of a table in order, numbered from 1 as Modeler shows them. */
  public static List<Rule> rules(DecisionTable table) {
    return new ArrayList<>(table.getRules());
  }

  /** "rule 3 (Rule_x: Large jobs go to a senior estimator…)": how problems and changes name a rule. */
  public static String describe(DecisionTable table, Rule rule) {
    int number = rules(table).indexOf(rule) + 1;
    String annotation = rule.getDescription() == null ? null : rule.getDescription().getTextContent().strip();
    if (annotation != null && annotation.length() > 70) {
      annotation = annotation.substring(0, 69) + "…";
    }
    return "rule " + number + " (" + rule.getId() + (annotation == null || annotation.isEmpty() ? "" : ": " + annotation) + ")";
  }

  /** The rule with this id of the decision, named as {@link #describe(DecisionTable, Rule)} does; the bare id if there is none. */
  public String describe(String decisionKey, String ruleId) {
    return decision(decisionKey).flatMap(RuleFile::table)
        .flatMap(table -> table.getRules().stream().filter(rule -> rule.getId().equals(ruleId)).findFirst().map(rule -> describe(table, rule)))
        .orElse(ruleId);
  }

  static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.length() > 500 ? message.substring(0, 499) + "…" : message;
  }
}
