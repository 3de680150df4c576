package com.leadhandoff.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.DmnElement;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;

/**
 * What changed between two versions of a DMN file, rule by rule: decisions, hit policies and
 * columns added or removed, and rules added, removed, edited (cell by cell, with the column's
 * label) or moved (order matters with hit policy FIRST). Rules and columns are matched by their
 * ids, which Camunda Modeler keeps when a table is edited.
 */
public final class RuleDiff {

  private RuleDiff() {}

  /** One cell that differs: null before or after means the cell is new or gone. */
  public record Cell(String column, String before, String after) {}

  /** One change; rule is null for changes to the table itself. text says it in one line. */
  public record Change(String decision, String kind, String rule, List<Cell> cells, String text) {}

  public static List<Change> between(RuleFile before, RuleFile after) {
    List<Change> changes = new ArrayList<>();
    Map<String, Decision> old = byId(before.decisions());
    Map<String, Decision> now = byId(after.decisions());
    old.keySet().stream().filter(id -> !now.containsKey(id))
        .forEach(id -> changes.add(new Change(id, "decision removed", null, List.of(), id + ": decision removed")));
    for (Decision decision : now.values()) {
      String id = decision.getId();
      if (!old.containsKey(id)) {
        changes.add(new Change(id, "decision added", null, List.of(), id + ": decision added"));
        continue;
      }
      DecisionTable was = RuleFile.table(old.get(id)).orElse(null);
      DecisionTable is = RuleFile.table(decision).orElse(null);
      if (was == null || is == null) {
        if ((was == null) != (is == null)) {
          changes.add(new Change(id, "logic changed", null, List.of(), id + ": is " + (is == null ? "no longer" : "now") + " a decision table"));
        }
        continue;
      }
      tables(id, was, is, changes);
    }
    return changes;
  }

  private static void tables(String id, DecisionTable was, DecisionTable is, List<Change> changes) {
    if (was.getHitPolicy() != is.getHitPolicy()) {
      changes.add(new Change(id, "hit policy changed", null, List.of(new Cell("hit policy", String.valueOf(was.getHitPolicy()),
          String.valueOf(is.getHitPolicy()))), id + ": hit policy " + was.getHitPolicy() + " -> " + is.getHitPolicy()));
    }
    Map<String, String> oldColumns = columns(was);
    Map<String, String> newColumns = columns(is);
    oldColumns.forEach((column, definition) -> {
      String now = newColumns.get(column);
      if (now == null) {
        changes.add(new Change(id, "column removed", null, List.of(new Cell(definition, definition, null)), id + ": column " + definition + " removed"));
      } else if (!now.equals(definition)) {
        changes.add(new Change(id, "column changed", null, List.of(new Cell(column, definition, now)), id + ": column " + definition + " -> " + now));
      }
    });
    newColumns.forEach((column, definition) -> {
      if (!oldColumns.containsKey(column)) {
        changes.add(new Change(id, "column added", null, List.of(new Cell(definition, null, definition)), id + ": column " + definition + " added"));
      }
    });
    Map<String, Rule> oldRules = rulesById(was);
    Map<String, Rule> newRules = rulesById(is);
    for (Rule rule : RuleFile.rules(was)) {
      if (!newRules.containsKey(rule.getId())) {
        List<Cell> cells = new ArrayList<>();
        cells(was, rule).forEach((column, text) -> cells.add(new Cell(column, text, null)));
        changes.add(new Change(id, "rule removed", rule.getId(), cells, id + ", " + RuleFile.describe(was, rule) + ": removed (" + summary(cells, true) + ")"));
      }
    }
    Set<String> moved = moved(RuleFile.rules(was).stream().map(Rule::getId).filter(newRules::containsKey).toList(),
        RuleFile.rules(is).stream().map(Rule::getId).filter(oldRules::containsKey).toList());
    for (Rule rule : RuleFile.rules(is)) {
      Rule previous = oldRules.get(rule.getId());
      if (previous == null) {
        List<Cell> cells = new ArrayList<>();
        cells(is, rule).forEach((column, text) -> cells.add(new Cell(column, null, text)));
        changes.add(new Change(id, "rule added", rule.getId(), cells, id + ", " + RuleFile.describe(is, rule) + ": added (" + summary(cells, false) + ")"));
        continue;
      }
      Map<String, String> before = cells(was, previous);
      Map<String, String> after = cells(is, rule);
      List<Cell> differ = new ArrayList<>();
      Set<String> columns = new java.util.LinkedHashSet<>(before.keySet());
      columns.addAll(after.keySet());
      for (String column : columns) {
        if (!Objects.equals(before.get(column), after.get(column))) {
          differ.add(new Cell(column, before.get(column), after.get(column)));
        }
      }
      if (!differ.isEmpty()) {
        changes.add(new Change(id, "rule changed", rule.getId(), differ, id + ", " + RuleFile.describe(is, rule) + ": "
            + String.join("; ", differ.stream().map(c -> c.column() + " " + quoted(c.before()) + " -> " + quoted(c.after())).toList())));
      }
      if (moved.contains(rule.getId())) {
        int from = RuleFile.rules(was).indexOf(previous) + 1;
        int to = RuleFile.rules(is).indexOf(rule) + 1;
        changes.add(new Change(id, "rule moved", rule.getId(), List.of(new Cell("position", String.valueOf(from), String.valueOf(to))),
            id + ", " + RuleFile.describe(is, rule) + ": moved from position " + from + " to " + to + " (with FIRST, order decides)"));
      }
    }
  }

  /** Rules whose order relative to the others changed: those outside a longest common subsequence. */
  private static Set<String> moved(List<String> before, List<String> after) {
    int[][] lcs = new int[before.size() + 1][after.size() + 1];
    for (int i = before.size() - 1; i >= 0; i--) {
      for (int j = after.size() - 1; j >= 0; j--) {
        lcs[i][j] = before.get(i).equals(after.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    Set<String> kept = new HashSet<>();
    for (int i = 0, j = 0; i < before.size() && j < after.size(); ) {
      if (before.get(i).equals(after.get(j))) {
        kept.add(before.get(i));
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    Set<String> moved = new HashSet<>(after);
    moved.removeAll(kept);
    return moved;
  }

  /** Column id -> "Label (expression / output name: type)". */
  private static Map<String, String> columns(DecisionTable table) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (Input input : table.getInputs()) {
      String expression = input.getInputExpression() == null || input.getInputExpression().getText() == null ? ""
          : input.getInputExpression().getText().getTextContent().strip();
      columns.put(input.getId(), "input " + label(input.getLabel(), expression) + " (" + expression + ")");
    }
    for (Output output : table.getOutputs()) {
      columns.put(output.getId(), "output " + label(output.getLabel(), output.getName()) + " (" + output.getName()
          + (output.getTypeRef() == null ? "" : ": " + output.getTypeRef()) + ")");
    }
    return columns;
  }

  /** A rule's cells by column label (made unique within the table), and its annotation. */
  private static Map<String, String> cells(DecisionTable table, Rule rule) {
    Map<String, String> cells = new LinkedHashMap<>();
    List<String> labels = labels(table);
    List<UnaryTests> entries = new ArrayList<>(rule.getInputEntries());
    List<LiteralExpression> results = new ArrayList<>(rule.getOutputEntries());
    int inputs = table.getInputs().size();
    for (int i = 0; i < Math.min(inputs, entries.size()); i++) {
      cells.put(labels.get(i), text(entries.get(i)));
    }
    for (int i = 0; i < Math.min(table.getOutputs().size(), results.size()); i++) {
      cells.put(labels.get(inputs + i), text(results.get(i)));
    }
    cells.put("annotation", rule.getDescription() == null ? "" : rule.getDescription().getTextContent().strip());
    return cells;
  }

  /** Inputs then outputs, by label; a label two columns share gets the column's expression or name added. */
  private static List<String> labels(DecisionTable table) {
    List<String[]> columns = new ArrayList<>();
    for (Input input : table.getInputs()) {
      String expression = input.getInputExpression() == null || input.getInputExpression().getText() == null ? ""
          : input.getInputExpression().getText().getTextContent().strip();
      columns.add(new String[] {label(input.getLabel(), expression), expression});
    }
    for (Output output : table.getOutputs()) {
      columns.add(new String[] {label(output.getLabel(), output.getName()), output.getName()});
    }
    Map<String, Long> uses = new java.util.HashMap<>();
    columns.forEach(column -> uses.merge(column[0], 1L, Long::sum));
    return columns.stream().map(column -> uses.get(column[0]) > 1 ? column[0] + " (" + column[1] + ")" : column[0]).toList();
  }

  private static String text(DmnElement entry) {
    var text = entry instanceof UnaryTests tests ? tests.getText() : ((LiteralExpression) entry).getText();
    return text == null || text.getTextContent() == null ? "" : text.getTextContent().strip();
  }

  private static String label(String label, String fallback) {
    return label == null || label.isBlank() ? fallback : label;
  }

  private static String summary(List<Cell> cells, boolean before) {
    return String.join(", ", cells.stream().filter(c -> !"annotation".equals(c.column()))
        .map(c -> c.column() + " " + quoted(before ? c.before() : c.after())).toList());
  }

  private static String quoted(String text) {
    return text == null ? "(none)" : "'" + text + "'";
  }

  private static Map<String, Decision> byId(List<Decision> decisions) {
    Map<String, Decision> map = new LinkedHashMap<>();
    decisions.forEach(d -> map.put(d.getId(), d));
    return map;
  }

  private static Map<String, Rule> rulesById(DecisionTable table) {
    Map<String, Rule> map = new LinkedHashMap<>();
    table.getRules().forEach(r -> map.put(r.getId(), r));
    return map;
  }
}
