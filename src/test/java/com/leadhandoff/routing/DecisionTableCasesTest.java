package com.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the acceptance cases each table carries in dmn/tests/NAME.csv against dmn/NAME.dmn, the same
 * way the deploy guard does, then checks that every rule of every decision in the file decided at
 * least one case, so no rule goes untested.
 */
class DecisionTableCasesTest {

  private static final Path TABLES = Path.of("dmn");

  @TestFactory
  Stream<DynamicNode> everyTableMeetsItsAcceptanceCases() throws Exception {
    List<DynamicNode> tables = new ArrayList<>();
    try (var cases = Files.list(TABLES.resolve("tests"))) {
      for (Path csv : cases.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        tables.add(table(csv));
      }
    }
    assertThat(tables).as("acceptance cases in dmn/tests").isNotEmpty();
    return tables.stream();
  }

  private DynamicContainer table(Path csv) throws IOException, RuleFile.Unreadable {
    String key = csv.getFileName().toString().replace(".csv", "");
    RuleFile file = RuleFile.parse(key + ".dmn", Files.readAllBytes(TABLES.resolve(key + ".dmn")));
    AcceptanceCases.Run run = AcceptanceCases.run(file, key, AcceptanceCases.read(Files.readString(csv)));
    List<DynamicNode> tests = new ArrayList<>();
    for (AcceptanceCases.Outcome outcome : run.outcomes()) {
      tests.add(dynamicTest(outcome.testCase().name(), () -> assertThat(outcome.problem()).as(outcome.testCase().name()).isNull()));
    }
    tests.add(dynamicTest("every rule of " + key + ".dmn decides at least one case", () ->
        assertThat(run.rulesDecidingNoCase()).as("rules that decided no case").isEmpty()));
    return DynamicContainer.dynamicContainer(key, tests);
  }
}
