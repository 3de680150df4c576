package com.leadhandoff.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.springframework.stereotype.Component;

/**
 * Replays the leads routed in a period through a candidate routing table before it is deployed.
 * Decision history says which leads were routed, when, with which version and with what answer;
 * the variable history gives each lead's values as they were at that moment. Each lead captured
 * in the period counts once, with its first routing. Replaying through the version that routed it must
 * give the recorded answer, or the lead is counted as not reproducible and left out of the
 * comparison. The report counts leads whose class, owner group or SLA would change, with the
 * moves between classes and owners and examples.
 */
@Component
public class Backtest {

  static final String ROUTING_STEP = RouteLead.ROUTING_STEP;
  private static final int PAGE = 500;
  private static final int EXAMPLES_PER_MOVE = 3;
  private static final int MAX_EXAMPLES = 20;

  /** What routing decided for a lead: the answers that decide who owns it and by when. */
  public record Routing(String leadClass, String ownerGroup, String acceptWithin, String contactWithin, Boolean businessHours) {
    static Routing of(Map<String, Object> answer) {
      return new Routing(text(answer.get("leadClass")), text(answer.get("ownerGroup")), text(answer.get("acceptWithin")),
          text(answer.get("contactWithin")), answer.get("businessHours") instanceof Boolean b ? b : null);
    }

    boolean sameSla(Routing other) {
      return Objects.equals(acceptWithin, other.acceptWithin) && Objects.equals(contactWithin, other.contactWithin)
          && Objects.equals(businessHours, other.businessHours);
    }

    String placement() {
      return leadClass + " to " + ownerGroup;
    }

    private static String text(Object value) {
      return value == null ? null : value.toString();
    }
  }

  /** One lead that would be routed differently (after null: the candidate failed or matched nothing, see note). */
  public record Example(String leadId, String processInstanceId, Instant routedAt, String routedWith, Routing before, Routing after,
      String decidedBy, String note) {}

  /** How many leads would move from one placement to another. */
  public record Move(String from, String to, int leads) {}

  public record Report(String candidate, Instant from, Instant to, int leads, int replayed, int changed, int changedClass,
      int changedOwner, int changedSla, int unchanged, int candidateFailed, int notReproducible, boolean limited,
      Map<String, Integer> routedWith, List<Move> moves, List<Example> examples) {}

  private final HistoryService historyService;
  private final DeployedTables deployed;
  private final RepositoryService repositoryService;
  private final RoutingProperties properties;

  public Backtest(HistoryService historyService, DeployedTables deployed, RepositoryService repositoryService, RoutingProperties properties) {
    this.historyService = historyService;
    this.deployed = deployed;
    this.repositoryService = repositoryService;
    this.properties = properties;
  }

  public Report run(RuleFile candidate, Instant from, Instant to) {
    if (!candidate.has(RouteLead.DECISION)) {
      throw new IllegalArgumentException(candidate.name() + " has no decision '" + RouteLead.DECISION + "' to backtest");
    }
    Map<String, HistoricDecisionInstance> firstRouting = firstRoutings(from, to);
    boolean limited = firstRouting.size() > properties.backtestMaxLeads();
    List<HistoricDecisionInstance> routings = firstRouting.values().stream().limit(properties.backtestMaxLeads()).toList();
    Map<String, List<HistoricVariableUpdate>> updates = variableUpdates(routings.stream().map(HistoricDecisionInstance::getProcessInstanceId).toList());

    Map<String, Integer> routedWith = new TreeMap<>();
    Map<String, Move> moves = new LinkedHashMap<>();
    List<Example> examples = new ArrayList<>();
    Map<String, Integer> examplesPerMove = new HashMap<>();
    int replayed = 0, changed = 0, changedClass = 0, changedOwner = 0, changedSla = 0, failed = 0, notReproducible = 0;
    for (HistoricDecisionInstance routing : routings) {
      Map<String, Object> variables = valuesAt(updates.getOrDefault(routing.getProcessInstanceId(), List.of()), routing);
      Routing before = Routing.of(recordedOutputs(routing));
      String version = RouteLead.DECISION + " v" + versionOf(routing.getDecisionDefinitionId());
      routedWith.merge(version, 1, Integer::sum);
      if (!reproduces(routing, variables, before)) {
        notReproducible++;
        continue;
      }
      replayed++;
      String leadId = variables.get("leadId") == null ? null : variables.get("leadId").toString();
      Instant at = routing.getEvaluationTime().toInstant();
      RuleEngine.Evaluation evaluation;
      try {
        evaluation = RuleEngine.evaluate(candidate.runnable(RouteLead.DECISION), variables);
      } catch (RuntimeException fails) {
        failed++;
        addExample(examples, examplesPerMove, "failed", new Example(leadId, routing.getProcessInstanceId(), at, version, before, null, null,
            "the candidate fails: " + RuleFile.rootMessage(fails)));
        continue;
      }
      if (evaluation.answer() == null) {
        failed++;
        addExample(examples, examplesPerMove, "failed", new Example(leadId, routing.getProcessInstanceId(), at, version, before, null, null,
            "no rule of the candidate matches: the lead would go to the office manager"));
        continue;
      }
      Routing after = Routing.of(evaluation.answer());
      boolean classChanges = !Objects.equals(before.leadClass(), after.leadClass());
      boolean ownerChanges = !Objects.equals(before.ownerGroup(), after.ownerGroup());
      boolean slaChanges = !before.sameSla(after);
      if (!classChanges && !ownerChanges && !slaChanges) {
        continue;
      }
      changed++;
      changedClass += classChanges ? 1 : 0;
      changedOwner += ownerChanges ? 1 : 0;
      changedSla += slaChanges ? 1 : 0;
      String key = before.placement() + " -> " + after.placement();
      moves.merge(key, new Move(before.placement(), after.placement(), 1), (a, b) -> new Move(a.from(), a.to(), a.leads() + 1));
      List<String> rules = evaluation.matched(RouteLead.DECISION);
      String decidedBy = rules.isEmpty() ? null : candidate.describe(RouteLead.DECISION, rules.get(0));
      addExample(examples, examplesPerMove, key, new Example(leadId, routing.getProcessInstanceId(), at, version, before, after, decidedBy,
          evaluation.answer().get("routingReason") == null ? null : evaluation.answer().get("routingReason").toString()));
    }
    List<Move> sortedMoves = moves.values().stream().sorted(Comparator.comparingInt(Move::leads).reversed()).toList();
    return new Report(candidate.name(), from, to, routings.size(), replayed, changed, changedClass, changedOwner, changedSla,
        replayed - changed - failed, failed, notReproducible, limited, routedWith, sortedMoves, examples);
  }

  private static void addExample(List<Example> examples, Map<String, Integer> perMove, String move, Example example) {
    if (examples.size() < MAX_EXAMPLES && perMove.merge(move, 1, Integer::sum) <= EXAMPLES_PER_MOVE) {
      examples.add(example);
    }
  }

  /**
   * The first routing of each lead captured in the period (a lead captured before it and re-routed
   * in it belongs to an earlier period), oldest first; one more than the limit says the period
   * holds more.
   */
  private Map<String, HistoricDecisionInstance> firstRoutings(Instant from, Instant to) {
    Map<String, HistoricDecisionInstance> first = new LinkedHashMap<>();
    java.util.Set<String> routedBefore = new java.util.HashSet<>();
    int offset = 0;
    while (first.size() <= properties.backtestMaxLeads()) {
      List<HistoricDecisionInstance> page = historyService.createHistoricDecisionInstanceQuery()
          .decisionDefinitionKey(RouteLead.DECISION).activityIdIn(ROUTING_STEP)
          .evaluatedAfter(Date.from(from)).evaluatedBefore(Date.from(to))
          .includeOutputs().orderByEvaluationTime().asc().listPage(offset, PAGE);
      List<String> leads = page.stream().map(HistoricDecisionInstance::getProcessInstanceId)
          .filter(id -> !first.containsKey(id) && !routedBefore.contains(id)).distinct().toList();
      routedBefore.addAll(routedBefore(leads, from));
      page.stream().filter(routing -> !routedBefore.contains(routing.getProcessInstanceId()))
          .forEach(routing -> first.putIfAbsent(routing.getProcessInstanceId(), routing));
      if (page.size() < PAGE) {
        break;
      }
      offset += PAGE;
    }
    return first;
  }

  /** Which of these leads were captured before the period began (one query for a page of leads). */
  private java.util.Set<String> routedBefore(List<String> processInstanceIds, Instant from) {
    if (processInstanceIds.isEmpty()) {
      return java.util.Set.of();
    }
    java.util.Set<String> before = new java.util.HashSet<>();
    historyService.createHistoricProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(processInstanceIds))
        .startedBefore(Date.from(from)).list().forEach(lead -> before.add(lead.getId()));
    return before;
  }

  private Map<String, List<HistoricVariableUpdate>> variableUpdates(List<String> processInstanceIds) {
    Map<String, List<HistoricVariableUpdate>> updates = new HashMap<>();
    for (int i = 0; i < processInstanceIds.size(); i += 100) {
      String[] batch = processInstanceIds.subList(i, Math.min(processInstanceIds.size(), i + 100)).toArray(String[]::new);
      for (HistoricDetail detail : historyService.createHistoricDetailQuery().variableUpdates().processInstanceIdIn(batch)
          .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
        if (detail instanceof HistoricVariableUpdate update && update.getTaskId() == null) {
          updates.computeIfAbsent(update.getProcessInstanceId(), id -> new ArrayList<>()).add(update);
        }
      }
    }
    return updates;
  }

  /**
   * The lead's variables as they were when it was routed: each one's last value set by then, but
   * none the routing step itself set (it writes its answer and clears the office's class choice
   * right after evaluating, often in the same millisecond).
   */
  private static Map<String, Object> valuesAt(List<HistoricVariableUpdate> updates, HistoricDecisionInstance routing) {
    Map<String, Object> values = new HashMap<>();
    updates.stream().filter(u -> !u.getTime().after(routing.getEvaluationTime()))
        .filter(u -> !Objects.equals(u.getActivityInstanceId(), routing.getActivityInstanceId()))
        .sorted(Comparator.comparing(HistoricVariableUpdate::getTime).thenComparingInt(HistoricVariableUpdate::getRevision))
        .forEach(u -> values.put(u.getVariableName(), u.getValue()));
    return values;
  }

  private static Map<String, Object> recordedOutputs(HistoricDecisionInstance routing) {
    Map<String, Object> outputs = new HashMap<>();
    for (HistoricDecisionOutputInstance output : routing.getOutputs()) {
      outputs.putIfAbsent(output.getVariableName(), output.getValue());
    }
    return outputs;
  }

  private boolean reproduces(HistoricDecisionInstance routing, Map<String, Object> variables, Routing recorded) {
    try {
      var version = definition(routing.getDecisionDefinitionId());
      var answer = RuleEngine.evaluate(deployed.file(version).runnable(RouteLead.DECISION), variables).answer();
      return answer != null && Routing.of(answer).equals(recorded);
    } catch (RuntimeException gone) {
      return false;
    }
  }

  private int versionOf(String decisionDefinitionId) {
    try {
      return definition(decisionDefinitionId).getVersion();
    } catch (RuntimeException gone) {
      return 0;
    }
  }

  /** Versions by id: a backtest asks for the same few versions for every lead. */
  private final Map<String, org.camunda.bpm.engine.repository.DecisionDefinition> definitions = new java.util.concurrent.ConcurrentHashMap<>();

  private org.camunda.bpm.engine.repository.DecisionDefinition definition(String id) {
    return definitions.computeIfAbsent(id, repositoryService::getDecisionDefinition);
  }
}
