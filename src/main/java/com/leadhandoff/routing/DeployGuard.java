package com.leadhandoff.routing;

import com.leadhandoff.escalation.DueDates;
import com.leadhandoff.escalation.Ladder;
import com.leadhandoff.lead.LeadClass;
import com.leadhandoff.ownership.Assignments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * Checks rule tables before they are activated, so an edit can never break the SOP: the files
 * parse; the decisions and outputs the process reads exist with the right types; every class goes
 * to an owner group that exists and has members; durations are valid; emergencies are accepted
 * within the SOP maximum and reminded by then; every class the routing gives has a first ladder
 * level; and the tables' acceptance cases pass, with every rule deciding at least one case. Each
 * problem names the table, the rule and what is wrong.
 */
@Component
public class DeployGuard {

  public static final String ROUTING = RouteLead.DECISION;
  public static final String LADDER = Ladder.DECISION;

  /** rule null: the problem is with the table or file as a whole. */
  public record Problem(String table, String rule, String message) {
    public String describe() {
      return table + (rule == null ? "" : ", " + rule) + ": " + message;
    }
  }

  /** What was found wrong, and what was checked. */
  public record Report(List<Problem> problems, List<String> checked) {
    public boolean passed() {
      return problems.isEmpty();
    }

    public String summary() {
      return passed() ? "Passed: " + String.join("; ", checked)
          : problems.size() + (problems.size() == 1 ? " problem" : " problems") + ": "
              + problems.stream().map(Problem::describe).collect(Collectors.joining("; "));
    }
  }

  private enum Kind {
    TEXT(Set.of("string")), FLAG(Set.of("boolean")), NUMBER(Set.of("integer", "long", "double"));

    final Set<String> typeRefs;

    Kind(Set<String> typeRefs) {
      this.typeRefs = typeRefs;
    }
  }

  /** The outputs RouteLead copies onto the lead and reads. */
  private static final Map<String, Kind> ROUTING_OUTPUTS = ordered("leadClass", Kind.TEXT, "ownerGroup", Kind.TEXT,
      "escalationGroup", Kind.TEXT, "acceptWithin", Kind.TEXT, "contactWithin", Kind.TEXT, "businessHours", Kind.FLAG,
      "priority", Kind.NUMBER, "routingReason", Kind.TEXT, "poorFitReason", Kind.TEXT);
  /** The outputs the escalation ladder reads per level. */
  private static final Map<String, Kind> LADDER_OUTPUTS = ordered("group", Kind.TEXT, "assign", Kind.TEXT,
      "remindAfter", Kind.TEXT, "reassignAfter", Kind.TEXT, "notifyGroup", Kind.TEXT);
  /** The smaller tables: their steps fall back safely when they fail, but the outputs must still be there. */
  private static final Map<String, Map<String, Kind>> OTHER_OUTPUTS = Map.of(
      "contact-retry", ordered("retry", Kind.FLAG, "retryAfter", Kind.TEXT, "retryNote", Kind.TEXT),
      "intake-reminder", ordered("remindAfter", Kind.TEXT),
      "handoff-health", ordered("colour", Kind.TEXT, "note", Kind.TEXT));
  private static final Set<HitPolicy> SINGLE_ANSWER = Set.of(HitPolicy.FIRST, HitPolicy.UNIQUE, HitPolicy.ANY, HitPolicy.PRIORITY);

  private final IdentityService identityService;
  private final DeployedTables deployed;
  private final RuleCases cases;
  private final RoutingProperties properties;

  public DeployGuard(IdentityService identityService, DeployedTables deployed, RuleCases cases, RoutingProperties properties) {
    this.identityService = identityService;
    this.deployed = deployed;
    this.cases = cases;
    this.properties = properties;
  }

  /**
   * Checks the DMN files of one deployment. uploadedCases (by table key) replace the saved cases
   * of those tables for this check.
   */
  public Report check(Map<String, byte[]> dmnFiles, Map<String, String> uploadedCases) {
    Run run = new Run();
    List<RuleFile> files = new ArrayList<>();
    dmnFiles.forEach((name, xml) -> {
      try {
        files.add(RuleFile.parse(name, xml));
      } catch (RuleFile.Unreadable unreadable) {
        run.problem(name, null, unreadable.getMessage());
      }
    });
    Set<String> keys = new LinkedHashSet<>();
    for (RuleFile file : files) {
      for (Decision decision : file.decisions()) {
        keys.add(decision.getId());
        String ttl = decision.getCamundaHistoryTimeToLiveString();
        if (ttl == null || ttl.isBlank()) {
          run.problem(decision.getId(), null, "has no history time to live (camunda:historyTimeToLive in Modeler's General tab): Camunda refuses it");
        }
      }
    }
    uploadedCases.keySet().stream().filter(key -> !keys.contains(key)).forEach(key ->
        run.problem(key, null, "cases were sent for " + key + ", but no file of this deployment has that decision"));
    RuleFile routing = files.stream().filter(f -> f.has(ROUTING)).findFirst().orElse(null);
    RuleFile ladder = files.stream().filter(f -> f.has(LADDER)).findFirst().orElse(null);
    if (routing != null) {
      checkRouting(run, routing);
    }
    if (ladder != null) {
      checkLadder(run, ladder);
    }
    for (var other : OTHER_OUTPUTS.entrySet()) {
      files.stream().filter(f -> f.has(other.getKey())).findFirst()
          .ifPresent(file -> structure(run, file, other.getKey(), other.getValue(), List.of()));
    }
    if (routing != null || ladder != null) {
      checkLadderCoversRouting(run, routing != null ? routing : active(run, ROUTING), ladder != null ? ladder : active(run, LADDER));
    }
    for (RuleFile file : files) {
      runCases(run, file, uploadedCases);
    }
    return new Report(List.copyOf(run.problems), List.copyOf(run.checked));
  }

  private void checkRouting(Run run, RuleFile file) {
    DecisionTable table = structure(run, file, ROUTING, ROUTING_OUTPUTS, List.of());
    if (table == null) {
      return;
    }
    Set<LeadClass> classes = java.util.EnumSet.noneOf(LeadClass.class);
    Duration max = properties.emergencyAcceptMax();
    for (Rule rule : RuleFile.rules(table)) {
      String name = RuleFile.describe(table, rule);
      Map<String, Literal> out = outputs(table, rule);
      Literal leadClass = out.get("leadClass");
      LeadClass named = leadClass == null ? null : LeadClass.named(leadClass.value()).orElse(null);
      if (named == null) {
        run.problem(ROUTING, name, "leadClass must be one of " + Arrays.toString(LeadClass.values()) + " written as a fixed value; it is "
            + shown(table, rule, "leadClass"));
      } else {
        classes.add(named);
      }
      group(run, ROUTING, name, "ownerGroup", out.get("ownerGroup"), shown(table, rule, "ownerGroup"), true, false);
      group(run, ROUTING, name, "escalationGroup", out.get("escalationGroup"), shown(table, rule, "escalationGroup"), false, false);
      Duration accept = duration(run, ROUTING, name, "acceptWithin", out.get("acceptWithin"), shown(table, rule, "acceptWithin"));
      duration(run, ROUTING, name, "contactWithin", out.get("contactWithin"), shown(table, rule, "contactWithin"));
      Literal businessHours = out.get("businessHours");
      if (businessHours == null || !(businessHours.value() instanceof Boolean)) {
        run.problem(ROUTING, name, "businessHours must be true or false; it is " + shown(table, rule, "businessHours"));
      }
      Literal priority = out.get("priority");
      if (priority == null || !(priority.value() instanceof Number number) || number.doubleValue() < 0 || number.doubleValue() > 100
          || number.doubleValue() != Math.floor(number.doubleValue())) {
        run.problem(ROUTING, name, "priority must be a whole number from 0 to 100; it is " + shown(table, rule, "priority"));
      }
      if (named == LeadClass.EMERGENCY) {
        if (accept != null && accept.compareTo(max) > 0) {
          run.problem(ROUTING, name, "emergencies must be accepted within " + max + " (the SOP maximum); acceptWithin is " + accept);
        }
        if (businessHours != null && Boolean.TRUE.equals(businessHours.value())) {
          run.problem(ROUTING, name, "emergencies are handled around the clock; businessHours must be false");
        }
      }
    }
    for (LeadClass needed : List.of(LeadClass.EMERGENCY, LeadClass.PREMIUM, LeadClass.STANDARD)) {
      if (!classes.contains(needed)) {
        run.problem(ROUTING, null, "no rule gives class " + needed + ": such leads (and the office's choice of " + needed + " by hand) would go nowhere");
      }
    }
    run.checked.add(ROUTING + ": " + table.getRules().size() + " rules; every class has an owner group with members; emergencies accepted within " + max);
  }

  private void checkLadder(Run run, RuleFile file) {
    DecisionTable table = structure(run, file, LADDER, LADDER_OUTPUTS, List.of("leadClass", "escalationLevel"));
    if (table == null) {
      return;
    }
    for (Rule rule : RuleFile.rules(table)) {
      String name = RuleFile.describe(table, rule);
      Map<String, Literal> out = outputs(table, rule);
      group(run, LADDER, name, "group", out.get("group"), shown(table, rule, "group"), true, true);
      group(run, LADDER, name, "notifyGroup", out.get("notifyGroup"), shown(table, rule, "notifyGroup"), false, true);
      Literal assign = out.get("assign");
      try {
        Assignments.Method.named(assign != null && assign.value() instanceof String text ? text : null);
      } catch (IllegalArgumentException wrong) {
        run.problem(LADDER, name, "assign must be \"on-call\" or \"rotation\"; it is " + shown(table, rule, "assign"));
      }
      Duration remind = duration(run, LADDER, name, "remindAfter", out.get("remindAfter"), shown(table, rule, "remindAfter"));
      Duration reassign = duration(run, LADDER, name, "reassignAfter", out.get("reassignAfter"), shown(table, rule, "reassignAfter"));
      if (remind != null && reassign != null && remind.compareTo(reassign) > 0) {
        run.problem(LADDER, name, "remindAfter " + remind + " is later than reassignAfter " + reassign + ": the reminder would never come");
      }
    }
    run.checked.add(LADDER + ": " + table.getRules().size() + " rules; every level's group exists and has members");
  }

  /** Each class routing gives (but poor fits, which the office reviews) needs a first level; an emergency's reminds within the SOP maximum. */
  private void checkLadderCoversRouting(Run run, RuleFile routing, RuleFile ladder) {
    if (routing == null || ladder == null || !routing.has(ROUTING) || !ladder.has(LADDER)) {
      return;
    }
    Set<String> classes = new LinkedHashSet<>();
    routing.decision(ROUTING).flatMap(RuleFile::table).ifPresent(table -> RuleFile.rules(table).forEach(rule -> {
      Literal leadClass = outputs(table, rule).get("leadClass");
      if (leadClass != null && leadClass.value() instanceof String name && !LeadClass.POOR_FIT.name().equals(name)) {
        classes.add(name);
      }
    }));
    Duration max = properties.emergencyAcceptMax();
    for (String leadClass : classes) {
      RuleEngine.Evaluation level;
      try {
        level = RuleEngine.evaluate(ladder.runnable(LADDER), Map.of("leadClass", leadClass, "escalationLevel", 1));
      } catch (RuntimeException failed) {
        run.problem(LADDER, null, "fails for class " + leadClass + " at level 1: " + RuleFile.rootMessage(failed));
        continue;
      }
      if (level.answer() == null) {
        run.problem(LADDER, null, "has no level 1 for class " + leadClass + ", which " + ROUTING + " gives: those leads would follow the built-in ladder");
        continue;
      }
      if (LeadClass.EMERGENCY.name().equals(leadClass) && level.answer().get("remindAfter") instanceof String remind) {
        try {
          if (DueDates.parse(remind).compareTo(max) > 0) {
            String rule = level.matched(LADDER).isEmpty() ? null : ladder.describe(LADDER, level.matched(LADDER).get(0));
            run.problem(LADDER, rule, "level 1 for EMERGENCY reminds after " + remind + ", later than the SOP maximum of " + max);
          }
        } catch (IllegalArgumentException reportedAlready) {
          // the rule check names the unusable duration
        }
      }
    }
    run.checked.add("every class " + ROUTING + " gives has level 1 in " + LADDER);
  }

  /** The table in force, to check a new version of the other one against; a problem if it cannot be read. */
  private RuleFile active(Run run, String key) {
    try {
      return deployed.active(key).orElse(null);
    } catch (RuntimeException unreadable) {
      run.problem(key, null, "the version in force cannot be read to check against: " + RuleFile.rootMessage(unreadable));
      return null;
    }
  }

  private void runCases(Run run, RuleFile file, Map<String, String> uploaded) {
    List<AcceptanceCases.Run> runs = new ArrayList<>();
    for (Decision decision : file.decisions()) {
      String key = decision.getId();
      RuleCases.Cases found = uploaded.containsKey(key) ? new RuleCases.Cases(uploaded.get(key), "the cases sent with this deployment")
          : cases.current(key).orElse(null);
      if (found == null) {
        if (key.equals(ROUTING) || key.equals(LADDER)) {
          run.problem(key, null, "has no acceptance cases: send them as " + key + ".csv with the deployment");
        }
        continue;
      }
      List<AcceptanceCases.Case> read;
      try {
        read = AcceptanceCases.read(found.csv());
      } catch (IllegalArgumentException unreadable) {
        run.problem(key, null, "the acceptance cases (" + found.origin() + ") cannot be used: " + unreadable.getMessage());
        continue;
      }
      AcceptanceCases.Run result = AcceptanceCases.run(file, key, read);
      runs.add(result);
      for (AcceptanceCases.Outcome outcome : result.outcomes()) {
        if (!outcome.passed()) {
          run.problem(key, null, "case '" + outcome.testCase().name() + "' (line " + outcome.testCase().line() + " of "
              + found.origin() + ") fails: " + outcome.problem());
        }
      }
      run.checked.add(result.outcomes().size() + " cases of " + key + " from " + found.origin());
    }
    if (runs.isEmpty()) {
      return;
    }
    Set<String> untested = new LinkedHashSet<>(runs.get(0).rulesDecidingNoCase());
    runs.forEach(r -> untested.retainAll(r.rulesDecidingNoCase()));
    for (Decision decision : file.decisions()) {
      RuleFile.table(decision).ifPresent(table -> RuleFile.rules(table).stream().filter(rule -> untested.contains(rule.getId()))
          .forEach(rule -> run.problem(decision.getId(), RuleFile.describe(table, rule),
              "no acceptance case reaches this rule: add a case that it decides")));
    }
  }

  /** The decision's table if it has the shape the process needs; null (with problems) if not. */
  private DecisionTable structure(Run run, RuleFile file, String key, Map<String, Kind> outputs, List<String> inputs) {
    Decision decision = file.decision(key).orElseThrow();
    DecisionTable table = RuleFile.table(decision).orElse(null);
    if (table == null) {
      run.problem(key, null, "must be a decision table");
      return null;
    }
    boolean usable = true;
    if (!SINGLE_ANSWER.contains(table.getHitPolicy())) {
      run.problem(key, null, "hit policy " + table.getHitPolicy() + " can give several answers; use FIRST (or UNIQUE, ANY, PRIORITY)");
      usable = false;
    }
    Map<String, Output> byName = new HashMap<>();
    table.getOutputs().forEach(output -> byName.put(output.getName(), output));
    for (var expected : outputs.entrySet()) {
      Output output = byName.get(expected.getKey());
      if (output == null) {
        run.problem(key, null, "has no output named " + expected.getKey() + ", which the process reads");
        usable = false;
      } else if (output.getTypeRef() != null && !output.getTypeRef().isBlank() && !expected.getValue().typeRefs.contains(output.getTypeRef())) {
        run.problem(key, null, "output " + expected.getKey() + " has type " + output.getTypeRef() + "; the process needs "
            + String.join(" or ", expected.getValue().typeRefs));
        usable = false;
      }
    }
    for (String input : inputs) {
      boolean read = table.getInputs().stream().map(Input::getInputExpression)
          .anyMatch(expression -> expression != null && expression.getText() != null && input.equals(expression.getText().getTextContent().strip()));
      if (!read) {
        run.problem(key, null, "has no input column reading " + input + ", which the process passes for every level");
        usable = false;
      }
    }
    return usable ? table : null;
  }

  private void group(Run run, String table, String rule, String output, Literal value, String shown, boolean needsMembers, boolean mayBeEmpty) {
    if (value == null || value.value() != null && !(value.value() instanceof String)) {
      run.problem(table, rule, output + " must be a group id in quotes; it is " + shown);
      return;
    }
    String group = (String) value.value();
    if (group == null || group.isBlank()) {
      if (!mayBeEmpty) {
        run.problem(table, rule, output + " is empty: name a group");
      }
      return;
    }
    if (!run.groupExists(group)) {
      run.problem(table, rule, output + " '" + group + "' is not a group");
    } else if (needsMembers && !run.groupHasMembers(group)) {
      run.problem(table, rule, output + " '" + group + "' has no members: leads would go to nobody");
    }
  }

  private Duration duration(Run run, String table, String rule, String output, Literal value, String shown) {
    try {
      return DueDates.parse(value != null && value.value() instanceof String text ? text : null);
    } catch (IllegalArgumentException unusable) {
      run.problem(table, rule, output + " must be a positive ISO-8601 duration in quotes, such as \"PT15M\"; it is " + shown);
      return null;
    }
  }

  /** The rule's outputs that are fixed values, by output name; expressions are left out. */
  private static Map<String, Literal> outputs(DecisionTable table, Rule rule) {
    List<Output> columns = new ArrayList<>(table.getOutputs());
    List<OutputEntry> entries = new ArrayList<>(rule.getOutputEntries());
    Map<String, Literal> values = new HashMap<>();
    for (int i = 0; i < Math.min(columns.size(), entries.size()); i++) {
      Literal literal = Literal.of(text(entries.get(i)));
      if (literal != null) {
        values.put(columns.get(i).getName(), literal);
      }
    }
    return values;
  }

  private static String shown(DecisionTable table, Rule rule, String output) {
    List<Output> columns = new ArrayList<>(table.getOutputs());
    List<OutputEntry> entries = new ArrayList<>(rule.getOutputEntries());
    for (int i = 0; i < Math.min(columns.size(), entries.size()); i++) {
      if (output.equals(columns.get(i).getName())) {
        String text = text(entries.get(i));
        return text.isBlank() ? "empty" : "`" + text + "`";
      }
    }
    return "missing";
  }

  private static String text(OutputEntry entry) {
    return entry.getText() == null || entry.getText().getTextContent() == null ? "" : entry.getText().getTextContent().strip();
  }

  /** A FEEL literal: a string in quotes, a number, true, false, or null (also an empty cell). */
  record Literal(Object value) {
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    static Literal of(String text) {
      if (text.isEmpty() || text.equals("null")) {
        return new Literal(null);
      }
      if (text.equals("true") || text.equals("false")) {
        return new Literal(Boolean.valueOf(text));
      }
      Matcher string = STRING.matcher(text);
      if (string.matches()) {
        return new Literal(string.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
      }
      if (NUMBER.matcher(text).matches()) {
        return text.contains(".") ? new Literal(Double.valueOf(text)) : new Literal(Long.valueOf(text));
      }
      return null;
    }
  }

  private static Map<String, Kind> ordered(Object... pairs) {
    Map<String, Kind> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Kind) pairs[i + 1]);
    }
    return map;
  }

  /** One check's findings, and the identity lookups it made (each group is asked once). */
  private class Run {
    final List<Problem> problems = new ArrayList<>();
    final List<String> checked = new ArrayList<>();
    final Map<String, Boolean> exists = new HashMap<>();
    final Map<String, Boolean> members = new HashMap<>();

    void problem(String table, String rule, String message) {
      problems.add(new Problem(table, rule, message));
    }

    boolean groupExists(String group) {
      return exists.computeIfAbsent(group, g -> identityService.createGroupQuery().groupId(g).count() > 0);
    }

    boolean groupHasMembers(String group) {
      return members.computeIfAbsent(group, g -> identityService.createUserQuery().memberOfGroup(g).count() > 0);
    }
  }
}
