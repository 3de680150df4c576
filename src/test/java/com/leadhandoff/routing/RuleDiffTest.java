package com.leadhandoff.routing;

import static com.leadhandoff.routing.Tables.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleDiffTest {

  @Test
  void aThresholdEditIsOneChangedRuleWithItsCells() throws Exception {
    List<RuleDiff.Change> changes = diff(Tables.routing(), Tables.premiumFrom(3000));

    assertThat(changes).singleElement().satisfies(change -> {
      assertThat(change.decision()).isEqualTo("lead-value");
      assertThat(change.kind()).isEqualTo("rule changed");
      assertThat(change.rule()).isEqualTo("Rule_lead_value_1");
      assertThat(change.cells()).containsExactly(new RuleDiff.Cell("Estimated job value", ">= 5000", ">= 3000"));
      assertThat(change.text()).isEqualTo("lead-value, rule 1 (Rule_lead_value_1: Large jobs go to a senior estimator: the premium threshold "
          + "is 5000.): Estimated job value '>= 5000' -> '>= 3000'");
    });
  }

  @Test
  void rulesAddedRemovedAndMovedAreNamed() throws Exception {
    String routing = Tables.routing();
    String rule4 = Tables.rule(routing, "Rule_lead_routing_4");
    String rule5 = Tables.rule(routing, "Rule_lead_routing_5");
    String rule3 = Tables.rule(routing, "Rule_lead_routing_3");
    String edited = routing.replace(rule4 + "\n      " + rule5, rule5 + "\n      " + rule4)
        .replace(rule3, rule3.replace("Rule_lead_routing_3", "Rule_lead_routing_new"))
        .replace("<decisionTable id=\"DecisionTable_lead_routing\" hitPolicy=\"FIRST\">", "<decisionTable id=\"DecisionTable_lead_routing\" hitPolicy=\"UNIQUE\">");

    List<RuleDiff.Change> changes = diff(routing, edited);

    assertThat(changes).extracting(RuleDiff.Change::kind, RuleDiff.Change::rule).contains(
        org.assertj.core.groups.Tuple.tuple("hit policy changed", null),
        org.assertj.core.groups.Tuple.tuple("rule removed", "Rule_lead_routing_3"),
        org.assertj.core.groups.Tuple.tuple("rule added", "Rule_lead_routing_new")).hasSize(4);
    assertThat(changes).as("of two rules that swapped places, one is named as moved")
        .filteredOn(c -> c.kind().equals("rule moved")).singleElement().extracting(RuleDiff.Change::text).asString()
        .matches(".*Rule_lead_routing_[45].*: moved from position [45] to [45] \\(with FIRST, order decides\\)");
  }

  @Test
  void aColumnWhoseExpressionChangedIsReported() throws Exception {
    String routing = Tables.routing();
    String edited = routing.replace("<text>valueBand</text>", "<text>upper case(valueBand)</text>");

    assertThat(diff(routing, edited)).extracting(RuleDiff.Change::text)
        .containsExactly("lead-routing: column input Value band (valueBand) -> input Value band (upper case(valueBand))");
  }

  private static List<RuleDiff.Change> diff(String before, String after) throws Exception {
    return RuleDiff.between(RuleFile.parse("before.dmn", bytes(before)), RuleFile.parse("after.dmn", bytes(after)));
  }
}
