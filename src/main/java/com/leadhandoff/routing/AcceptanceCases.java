package com.leadhandoff.routing;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * A table's acceptance cases, in the format of {@code dmn/tests/NAME.csv}: one row per case, a
 * {@code case} column naming it, input columns named after the variables ({@code name:boolean},
 * {@code name:number} for typed ones; empty means no value) and expected outputs as
 * {@code expect.output} (empty means no value). The build runs the packaged cases; the deploy guard
 * runs the cases ops leads saved with their last deployment.
 */
public final class AcceptanceCases {

  private static final CsvMapper CSV = new CsvMapper();

  private AcceptanceCases() {}

  /** One case: its line in the file (the header is line 1). */
  public record Case(int line, String name, Map<String, Object> inputs, Map<String, String> expected) {}

  /** How one case went: null problem means it passed. */
  public record Outcome(Case testCase, String problem) {
    public boolean passed() {
      return problem == null;
    }
  }

  /** Every case's outcome, and the rules (ids) of the file that decided none of them. */
  public record Run(List<Outcome> outcomes, List<String> rulesDecidingNoCase) {
    public long failed() {
      return outcomes.stream().filter(o -> !o.passed()).count();
    }
  }

  /** Reads the cases, or says which line and column is wrong. */
  public static List<Case> read(String csv) {
    List<Map<String, String>> rows;
    try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
      rows = it.readAll();
    } catch (IOException | RuntimeException unreadable) {
      throw new IllegalArgumentException("the cases are not readable CSV: " + RuleFile.rootMessage(unreadable));
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("the cases file has no cases: a header line and one line per case are needed");
    }
    if (!rows.get(0).containsKey("case") || rows.get(0).keySet().stream().noneMatch(c -> c.startsWith("expect."))) {
      throw new IllegalArgumentException("the cases file needs a 'case' column and at least one 'expect.<output>' column");
    }
    List<Case> cases = new ArrayList<>();
    int line = 1;
    for (Map<String, String> row : rows) {
      line++;
      Map<String, Object> inputs = new HashMap<>();
      Map<String, String> expected = new LinkedHashMap<>();
      for (var cell : row.entrySet()) {
        String column = cell.getKey();
        String value = cell.getValue() == null ? "" : cell.getValue();
        if (column.equals("case")) {
          continue;
        }
        if (column.startsWith("expect.")) {
          expected.put(column.substring("expect.".length()), value);
          continue;
        }
        String[] nameAndType = column.split(":", 2);
        inputs.put(nameAndType[0], typed(line, column, nameAndType.length > 1 ? nameAndType[1] : "string", value));
      }
      String name = row.get("case") == null || row.get("case").isBlank() ? "line " + line : row.get("case");
      cases.add(new Case(line, name, inputs, expected));
    }
    return cases;
  }

  private static Object typed(int line, String column, String type, String value) {
    if (value.isEmpty()) {
      return null;
    }
    return switch (type) {
      case "string" -> value;
      case "boolean" -> {
        if (!value.equals("true") && !value.equals("false")) {
          throw new IllegalArgumentException("line " + line + ", column " + column + ": '" + value + "' is not true or false");
        }
        yield Boolean.valueOf(value);
      }
      case "number" -> {
        try {
          yield Long.valueOf(value);
        } catch (NumberFormatException notWhole) {
          try {
            yield Double.valueOf(value);
          } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("line " + line + ", column " + column + ": '" + value + "' is not a number");
          }
        }
      }
      default -> throw new IllegalArgumentException("line " + line + ", column " + column + ": unknown type '" + type
          + "' (use name, name:boolean or name:number)");
    };
  }

  /** Runs the cases against one decision of the file and finds the file's rules no case reached. */
  public static Run run(RuleFile file, String decisionKey, List<Case> cases) {
    Set<String> deciding = new LinkedHashSet<>();
    List<Outcome> outcomes = new ArrayList<>();
    for (Case c : cases) {
      outcomes.add(new Outcome(c, problem(file, decisionKey, c, deciding)));
    }
    List<String> untested = new ArrayList<>();
    for (Decision decision : file.decisions()) {
      for (Rule rule : RuleFile.table(decision).map(RuleFile::rules).orElse(List.of())) {
        if (!deciding.contains(rule.getId())) {
          untested.add(rule.getId());
        }
      }
    }
    return new Run(outcomes, untested);
  }

  private static String problem(RuleFile file, String decisionKey, Case c, Set<String> deciding) {
    RuleEngine.Evaluation evaluation;
    try {
      evaluation = RuleEngine.evaluate(file.runnable(decisionKey), c.inputs());
    } catch (RuntimeException failed) {
      return "the table failed: " + RuleFile.rootMessage(failed);
    }
    evaluation.matchedRules().values().forEach(deciding::addAll);
    Map<String, Object> answer = evaluation.answer();
    if (answer == null) {
      return "no rule matched";
    }
    List<String> wrong = new ArrayList<>();
    c.expected().forEach((output, expected) -> {
      Object actual = answer.get(output);
      String shown = actual == null ? "" : actual.toString();
      if (!shown.equals(expected)) {
        wrong.add(output + " should be " + (expected.isEmpty() ? "empty" : "'" + expected + "'")
            + " but is " + (shown.isEmpty() ? "empty" : "'" + shown + "'"));
      }
    });
    if (wrong.isEmpty()) {
      return null;
    }
    List<String> rules = evaluation.matched(decisionKey);
    String rule = rules.isEmpty() ? "" : " (decided by " + file.describe(decisionKey, rules.get(0)) + ")";
    return String.join("; ", wrong) + rule;
  }
}
