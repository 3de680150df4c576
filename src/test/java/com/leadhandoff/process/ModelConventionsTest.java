package com.leadhandoff.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules for the models in bpmn/, dmn/ and forms/: they must open and read well in
 * Camunda Modeler and name their parts so tests and people can refer to them.
 */
class ModelConventionsTest {

  private static final String ID_PATTERN = "(StartEvent|EndEvent|BoundaryEvent|Gateway|UserTask|ServiceTask|BusinessRuleTask|SubProcess|Flow)_[A-Z][A-Za-z]+";
  private static BpmnModelInstance process;
  private static Map<String, JsonNode> formsById;

  @BeforeAll
  static void readModels() throws IOException {
    process = Bpmn.readModelFromFile(Path.of("bpmn", "lead-handoff.bpmn").toFile());
    formsById = new HashMap<>();
    try (var forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        JsonNode json = new ObjectMapper().readTree(form.toFile());
        formsById.put(json.get("id").asText(), json);
      }
    }
  }

  @Test
  void processHasAKebabCaseKeyAndAHistoryTimeToLive() {
    Process lead = process.getModelElementsByType(Process.class).iterator().next();
    assertThat(lead.getId()).isEqualTo("lead-handoff");
    assertThat(lead.getCamundaHistoryTimeToLiveString()).isNotBlank();
  }

  @Test
  void everyElementHasAReadableIdAndEveryNodeAName() {
    for (FlowNode node : process.getModelElementsByType(FlowNode.class)) {
      assertThat(node.getId()).as("id").matches(ID_PATTERN);
      boolean unnamedMerge = node instanceof ExclusiveGateway && node.getIncoming().size() > 1;
      if (!unnamedMerge) {
        assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
      }
    }
    process.getModelElementsByType(SequenceFlow.class)
        .forEach(flow -> assertThat(flow.getId()).as("flow id").matches(ID_PATTERN));
  }

  @Test
  void everyGatewayBranchIsLabelled() {
    for (ExclusiveGateway gateway : process.getModelElementsByType(ExclusiveGateway.class)) {
      if (gateway.getOutgoing().size() > 1) {
        gateway.getOutgoing().forEach(flow -> assertThat(flow.getName()).as("label of %s", flow.getId()).isNotBlank());
      }
    }
  }

  @Test
  void joinsAndSplitsAreExplicitGateways() {
    for (FlowNode node : process.getModelElementsByType(FlowNode.class)) {
      if (!(node instanceof ExclusiveGateway)) {
        assertThat(node.getIncoming()).as("incoming flows of %s (use a merge gateway)", node.getId()).hasSizeLessThanOrEqualTo(1);
        assertThat(node.getOutgoing()).as("outgoing flows of %s (use a gateway)", node.getId()).hasSizeLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void everyElementIsDrawnOnTheDiagram() {
    Set<String> drawn = new HashSet<>();
    process.getModelElementsByType(BpmnShape.class).forEach(shape -> drawn.add(shape.getBpmnElement().getId()));
    process.getModelElementsByType(BpmnEdge.class).forEach(edge -> drawn.add(edge.getBpmnElement().getId()));
    List<String> elements = new ArrayList<>();
    process.getModelElementsByType(FlowNode.class).forEach(node -> elements.add(node.getId()));
    process.getModelElementsByType(SequenceFlow.class).forEach(flow -> elements.add(flow.getId()));
    assertThat(drawn).containsAll(elements);
  }

  @Test
  void codeIsReachedThroughBeansNamedForTheAction() {
    for (ServiceTask task : process.getModelElementsByType(ServiceTask.class)) {
      assertThat(task.getCamundaClass()).as("%s names a Java class", task.getId()).isNull();
      assertThat(task.getCamundaDelegateExpression()).as(task.getId()).matches("\\$\\{[a-z][A-Za-z]+}");
    }
    for (BusinessRuleTask task : process.getModelElementsByType(BusinessRuleTask.class)) {
      assertThat(task.getCamundaClass()).as("%s names a Java class", task.getId()).isNull();
    }
  }

  @Test
  void everyUserTaskHasACamundaFormThatExists() {
    for (UserTask task : process.getModelElementsByType(UserTask.class)) {
      String formRef = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
      assertThat(formRef).as("formRef of %s", task.getId()).isNotBlank();
      assertThat(formsById).as("forms/ has a form with id %s", formRef).containsKey(formRef);
    }
  }

  @Test
  void everyFormComponentHasAUniqueIdAndFieldsHaveLabels() {
    formsById.forEach((id, form) -> {
      Set<String> ids = new HashSet<>();
      form.findParents("id").forEach(component -> {
        if (component.has("type")) {
          assertThat(ids.add(component.get("id").asText())).as("duplicate component id %s in %s", component.get("id"), id).isTrue();
          boolean isField = component.has("key");
          boolean labelled = component.has("label") || component.has("dateLabel");
          assertThat(!isField || labelled).as("field %s in %s has a label", component.get("key"), id).isTrue();
        }
      });
    });
  }

  @Test
  void timersTakeTheirDatesFromTheLeadNotFromConstants() {
    for (BoundaryEvent event : process.getModelElementsByType(BoundaryEvent.class)) {
      String definition = event.getEventDefinitions().iterator().next().getTextContent().strip();
      assertThat(definition).as("timer of %s", event.getId()).startsWith("${").endsWith("}");
    }
  }

  @Test
  void everyDecisionHasAHistoryTimeToLiveAndEveryRuleSaysWhy() throws IOException {
    try (var tables = Files.list(Path.of("dmn"))) {
      for (Path file : tables.filter(p -> p.toString().endsWith(".dmn")).toList()) {
        DmnModelInstance dmn = Dmn.readModelFromFile(file.toFile());
        for (Decision decision : dmn.getModelElementsByType(Decision.class)) {
          assertThat(decision.getId()).as("decision key in %s", file).matches("[a-z]+(-[a-z]+)*");
          assertThat(decision.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive of %s", decision.getId()).isNotBlank();
        }
        for (DecisionTable table : dmn.getModelElementsByType(DecisionTable.class)) {
          for (Rule rule : table.getRules()) {
            assertThat(rule.getDescription()).as("annotation of %s in %s", rule.getId(), file).isNotNull();
            assertThat(rule.getDescription().getTextContent()).as("annotation of %s", rule.getId()).isNotBlank();
          }
        }
      }
    }
  }
}
