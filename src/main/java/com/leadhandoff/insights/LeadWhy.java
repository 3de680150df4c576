package com.leadhandoff.insights;

import com.leadhandoff.lead.Timeline;
import com.leadhandoff.routing.DeployedTables;
import com.leadhandoff.routing.RuleFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Why a lead went where it went, from decision history: every routing and ladder decision with
 * its inputs, the rules that matched (with their annotations) and its outputs, the decisions it
 * required; who held the lead's tasks and when; and its timeline.
 */
@Component
public class LeadWhy {

  public record Value(String name, Object value) {}

  /** One evaluation of one decision; required: the decisions of its graph it asked first. */
  public record Decision(String decision, String version, Instant evaluatedAt, String step, List<Value> inputs, List<String> matchedRules,
      List<Value> outputs, List<Decision> required) {}

  /** Who held one task of the lead, from when to when, and how it ended (null: still open). */
  public record Holder(String task, String assignee, Instant from, Instant to, String ended) {}

  public record Why(String processInstanceId, String leadId, Instant capturedAt, Object leadClass, Object routingVersion, Object ladderVersion,
      List<Decision> routing, List<Decision> escalation, List<Decision> other, List<Holder> holders, List<Timeline.Entry> timeline) {}

  private final HistoryService historyService;
  private final RepositoryService repositoryService;
  private final DeployedTables deployed;
  private final Timeline timeline;

  public LeadWhy(HistoryService historyService, RepositoryService repositoryService, DeployedTables deployed, Timeline timeline) {
    this.historyService = historyService;
    this.repositoryService = repositoryService;
    this.deployed = deployed;
    this.timeline = timeline;
  }

  public Optional<Why> of(String processInstanceId) {
    HistoricProcessInstance lead = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
        .processDefinitionKey(Heatmap.PROCESS).singleResult();
    if (lead == null) {
      return Optional.empty();
    }
    List<HistoricDecisionInstance> all = historyService.createHistoricDecisionInstanceQuery().processInstanceId(processInstanceId)
        .includeInputs().includeOutputs().orderByEvaluationTime().asc().list();
    Map<String, List<HistoricDecisionInstance>> byRoot = new LinkedHashMap<>();
    all.stream().filter(d -> d.getRootDecisionInstanceId() != null)
        .forEach(d -> byRoot.computeIfAbsent(d.getRootDecisionInstanceId(), id -> new ArrayList<>()).add(d));
    List<Decision> routing = new ArrayList<>();
    List<Decision> escalation = new ArrayList<>();
    List<Decision> other = new ArrayList<>();
    for (HistoricDecisionInstance root : all) {
      if (root.getRootDecisionInstanceId() != null) {
        continue;
      }
      List<Decision> required = byRoot.getOrDefault(root.getId(), List.of()).stream().map(d -> decision(d, List.of())).toList();
      Decision decision = decision(root, required);
      switch (root.getDecisionDefinitionKey()) {
        case "lead-routing" -> routing.add(decision);
        case "escalation-ladder" -> escalation.add(decision);
        default -> other.add(decision);
      }
    }
    List<Holder> holders = new ArrayList<>();
    for (HistoricTaskInstance task : historyService.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
        .orderByHistoricActivityInstanceStartTime().asc().list()) {
      holders.add(new Holder(task.getName(), task.getAssignee(), task.getStartTime().toInstant(),
          task.getEndTime() == null ? null : task.getEndTime().toInstant(), task.getEndTime() == null ? null : task.getDeleteReason()));
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableNameIn("leadClass", "routingVersion", "ladderVersion").list()
        .forEach(v -> variables.put(v.getName(), v.getValue()));
    return Optional.of(new Why(processInstanceId, lead.getBusinessKey(), lead.getStartTime().toInstant(), variables.get("leadClass"),
        variables.get("routingVersion"), variables.get("ladderVersion"), routing, escalation, other, holders, timeline.of(processInstanceId)));
  }

  private Decision decision(HistoricDecisionInstance instance, List<Decision> required) {
    List<Value> inputs = new ArrayList<>();
    for (HistoricDecisionInputInstance input : instance.getInputs()) {
      inputs.add(new Value(input.getClauseName() == null ? input.getClauseId() : input.getClauseName(), input.getValue()));
    }
    List<Value> outputs = new ArrayList<>();
    Set<String> rules = new LinkedHashSet<>();
    for (HistoricDecisionOutputInstance output : instance.getOutputs()) {
      outputs.add(new Value(output.getVariableName(), output.getValue()));
      if (output.getRuleId() != null) {
        rules.add(output.getRuleId());
      }
    }
    String version = instance.getDecisionDefinitionKey();
    List<String> matched = new ArrayList<>(rules);
    try {
      DecisionDefinition definition = repositoryService.getDecisionDefinition(instance.getDecisionDefinitionId());
      version = instance.getDecisionDefinitionKey() + " v" + definition.getVersion();
      RuleFile file = deployed.file(definition);
      matched = rules.stream().map(rule -> file.describe(instance.getDecisionDefinitionKey(), rule)).toList();
    } catch (RuntimeException deleted) {
      version = instance.getDecisionDefinitionKey() + " (version deleted)";
    }
    return new Decision(instance.getDecisionDefinitionKey(), version, instance.getEvaluationTime().toInstant(), instance.getActivityId(),
        inputs, matched, outputs, required);
  }
}
