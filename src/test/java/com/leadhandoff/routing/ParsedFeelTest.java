package com.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.Test;

/** FEEL parsed once: the same answers as Camunda's engine gives, the same errors, and no second parse. */
class ParsedFeelTest {

  private static final String TABLE = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="sizes" name="Sizes" namespace="test">
        <decision id="size" name="Size">
          <decisionTable id="table" hitPolicy="FIRST">
            <input id="in"><inputExpression id="inExp" typeRef="number"><text>amount</text></inputExpression></input>
            <output id="out" name="size" typeRef="string" />
            <output id="outDouble" name="doubled" typeRef="number" />
            <rule id="small"><inputEntry id="e1"><text>&lt; 100</text></inputEntry>
              <outputEntry id="o1"><text>"small"</text></outputEntry><outputEntry id="d1"><text>amount * 2</text></outputEntry></rule>
            <rule id="medium"><inputEntry id="e2"><text>[100..500]</text></inputEntry>
              <outputEntry id="o2"><text>"medium"</text></outputEntry><outputEntry id="d2"><text>amount * 2</text></outputEntry></rule>
            <rule id="large"><inputEntry id="e3"><text>ENTRY</text></inputEntry>
              <outputEntry id="o3"><text>"large"</text></outputEntry><outputEntry id="d3"><text>amount * 2</text></outputEntry></rule>
          </decisionTable>
        </decision>
      </definitions>
      """;

  @Test
  void anExpressionIsParsedOnlyTheFirstTimeAndEveryEvaluationStillAnswersForItsOwnInput() {
    String table = TABLE.replace("ENTRY", "&gt; 500");
    var configuration = configuration();
    Answers answers = new Answers(configuration.buildEngine(), table);

    answers.check(0, 49, "small");
    long smallLeads = parser(configuration).parsed();
    answers.check(50, 99, "small");
    assertThat(smallLeads).as("parsed for the first small amount").isPositive();
    assertThat(parser(configuration).parsed()).as("nothing new to parse for other small amounts").isEqualTo(smallLeads);

    answers.check(100, 300, "medium");
    long mediumLeads = parser(configuration).parsed();
    answers.check(301, 500, "medium");
    assertThat(mediumLeads).as("the medium rule's output is new").isGreaterThan(smallLeads);
    assertThat(parser(configuration).parsed()).isEqualTo(mediumLeads);
  }

  @Test
  void anExpressionThatDoesNotParseFailsEveryTimeWithCamundasOwnMessage() {
    String broken = TABLE.replace("ENTRY", "&gt; &gt; 500");
    DmnEngine plain = plainEngine();
    String camundas = failure(plain, decision(plain, broken));

    DmnEngine engine = configuration().buildEngine();
    DmnDecision decision = decision(engine, broken);
    assertThat(camundas).contains("&gt; &gt; 500".replace("&gt;", ">"));
    assertThat(failure(engine, decision)).isEqualTo(camundas);
    assertThat(failure(engine, decision)).as("the second time, from the cache").isEqualTo(camundas);
  }

  /** The table evaluated with parsed FEEL and with Camunda's engine as it comes: the answers must be the same. */
  private record Answers(DmnEngine engine, DmnDecision decision, DmnEngine plain, DmnDecision plainDecision) {

    Answers(DmnEngine engine, String table) {
      this(engine, ParsedFeelTest.decision(engine, table), plainEngine(), ParsedFeelTest.decision(plainEngine(), table));
    }

    void check(int from, int to, String size) {
      for (int amount = from; amount <= to; amount += 7) {
        var answer = engine.evaluateDecision(decision, Map.of("amount", amount)).getSingleResult().getEntryMap();
        assertThat(answer).as("amount " + amount).containsEntry("size", size)
            .isEqualTo(plain.evaluateDecision(plainDecision, Map.of("amount", amount)).getSingleResult().getEntryMap());
        assertThat(((Number) answer.get("doubled")).longValue()).isEqualTo(amount * 2L);
      }
    }
  }

  private static DmnEngine plainEngine() {
    return ((DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration()).buildEngine();
  }

  private static String failure(DmnEngine engine, DmnDecision decision) {
    var thrown = catchThrowable(() -> engine.evaluateDecision(decision, Map.of("amount", 900)));
    assertThat(thrown).isNotNull();
    return thrown.getMessage();
  }

  private static DefaultDmnEngineConfiguration configuration() {
    var configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.feelEngineFactory(ParsedFeel.factory(List::of));
    return configuration;
  }

  private static ParsedFeel.Parser parser(DefaultDmnEngineConfiguration configuration) {
    return ((ParsedFeel.Engine) configuration.getFeelEngine()).parser();
  }

  private static DmnDecision decision(DmnEngine engine, String xml) {
    return engine.parseDecision("size", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
