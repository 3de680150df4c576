package com.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionLogicEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the acceptance cases each table carries in dmn/tests/NAME.csv against dmn/NAME.dmn: one
 * row per case, input columns named after the variables ("name:boolean" / "name:number" for typed
 * ones), expected outputs as "expect.output". Then checks that every rule of every decision in the
 * file decided at least one case, so no rule goes untested.
 */
class DecisionTableCasesTest {

  private static final Path TABLES = Path.of("dmn");

  @TestFactory
  Stream<DynamicNode> everyTableMeetsItsAcceptanceCases() throws IOException {
    List<DynamicNode> tables = new ArrayList<>();
    try (var cases = Files.list(TABLES.resolve("tests"))) {
      for (Path csv : cases.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        tables.add(table(csv));
      }
    }
    assertThat(tables).as("acceptance cases in dmn/tests").isNotEmpty();
    return tables.stream();
  }

  private DynamicContainer table(Path csv) throws IOException {
    String key = csv.getFileName().toString().replace(".csv", "");
    Set<String> decidingRules = new HashSet<>();
    DmnEngine engine = engineRecording(decidingRules);
    List<DmnDecision> decisions;
    try (InputStream model = Files.newInputStream(TABLES.resolve(key + ".dmn"))) {
      decisions = engine.parseDecisionRequirementsGraph(model).getDecisions().stream().map(DmnDecision.class::cast).toList();
    }
    DmnDecision top = decisions.stream().filter(d -> d.getKey().equals(key)).findFirst().orElseThrow();
    List<DynamicNode> tests = new ArrayList<>();
    for (Map<String, String> row : rows(csv)) {
      tests.add(dynamicTest(row.get("case"), () -> {
        Map<String, Object> result = engine.evaluateDecision(top, inputs(row)).getSingleResult().getEntryMap();
        row.forEach((column, expected) -> {
          if (column.startsWith("expect.")) {
            String output = column.substring("expect.".length());
            Object actual = result.get(output);
            assertThat(actual == null ? "" : actual.toString()).as(output).isEqualTo(expected);
          }
        });
      }));
    }
    tests.add(dynamicTest("every rule of " + key + ".dmn decides at least one case", () ->
        assertThat(decidingRules).as("rules that decided a case").containsAll(allRuleIds(decisions))));
    return DynamicContainer.dynamicContainer(key, tests);
  }

  private static List<Map<String, String>> rows(Path csv) throws IOException {
    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
      return it.readAll();
    }
  }

  private static Map<String, Object> inputs(Map<String, String> row) {
    Map<String, Object> variables = new HashMap<>();
    row.forEach((column, value) -> {
      if (column.equals("case") || column.startsWith("expect.")) {
        return;
      }
      String[] nameAndType = column.split(":");
      Object typed = value.isEmpty() ? null : switch (nameAndType.length > 1 ? nameAndType[1] : "string") {
        case "boolean" -> Boolean.valueOf(value);
        case "number" -> Long.valueOf(value);
        default -> value;
      };
      variables.put(nameAndType[0], typed);
    });
    return variables;
  }

  private static List<String> allRuleIds(List<DmnDecision> decisions) {
    return decisions.stream()
        .filter(DmnDecision::isDecisionTable)
        .flatMap(d -> ((DmnDecisionTableImpl) d.getDecisionLogic()).getRules().stream())
        .map(rule -> rule.getId())
        .toList();
  }

  private static DmnEngine engineRecording(Set<String> decidingRules) {
    DmnDecisionEvaluationListener recorder = (DmnDecisionEvaluationEvent event) -> {
      record(event.getDecisionResult(), decidingRules);
      event.getRequiredDecisionResults().forEach(required -> record(required, decidingRules));
    };
    var configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionEvaluationListeners(List.of(recorder));
    return configuration.buildEngine();
  }

  private static void record(DmnDecisionLogicEvaluationEvent event, Set<String> decidingRules) {
    if (event instanceof DmnDecisionTableEvaluationEvent table) {
      table.getMatchingRules().forEach(rule -> decidingRules.add(rule.getId()));
    }
  }
}
