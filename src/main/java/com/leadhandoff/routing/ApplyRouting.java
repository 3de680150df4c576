package com.leadhandoff.routing;

import com.leadhandoff.escalation.DueDates;
import com.leadhandoff.lead.LeadClass;
import com.leadhandoff.lead.LeadText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Copies the routing decision onto the lead and turns its durations into due dates. A missing or
 * unusable answer (no rule matched, an unknown class, a duration that is not ISO-8601) is not
 * guessed at: the lead goes to the office manager with the reason.
 */
@Component("applyRouting")
public class ApplyRouting implements JavaDelegate {

  private static final List<String> DURATIONS = List.of("acceptWithin", "reassignAfter", "contactWithin");
  private final DueDates dueDates;
  private final LeadText text;

  public ApplyRouting(DueDates dueDates, LeadText text) {
    this.dueDates = dueDates;
    this.text = text;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void execute(DelegateExecution execution) {
    var routing = (Map<String, Object>) execution.getVariable("routing");
    execution.removeVariable("routing");
    execution.removeVariable("classOverride");
    String problem = routing == null ? "No routing rule matched this lead" : problemWith(routing);
    execution.setVariable("routingMatched", problem == null);
    if (problem != null) {
      execution.setVariable("routingFailure", problem);
      return;
    }
    routing.forEach(execution::setVariable);
    boolean businessHours = Boolean.TRUE.equals(routing.get("businessHours"));
    int priority = ((Number) routing.get("priority")).intValue();
    var acceptDue = dueDates.fromNow((String) routing.get("acceptWithin"), businessHours);
    execution.setVariable("acceptDue", acceptDue);
    execution.setVariable("acceptDueText", text.time(acceptDue));
    execution.setVariable("reassignDue", dueDates.fromNow((String) routing.get("reassignAfter"), businessHours));
    execution.setVariable("contactWithinText", LeadText.duration(DueDates.parse((String) routing.get("contactWithin"))));
    execution.setVariable("escalationPriority", Math.min(100, priority + 10));
    execution.setVariable("slaState", "ON_TRACK");
    execution.setVariable("routingFailure", null);
  }

  /** What makes this answer unusable, or null if it can be followed. */
  static String problemWith(Map<String, Object> routing) {
    Object leadClass = routing.get("leadClass");
    if (leadClass == null || java.util.Arrays.stream(LeadClass.values()).noneMatch(c -> c.name().equals(leadClass))) {
      return "The routing table answered an unknown lead class '" + leadClass + "'";
    }
    for (String group : List.of("ownerGroup", "escalationGroup")) {
      if (!(routing.get(group) instanceof String name) || name.isBlank()) {
        return "The routing table gave no " + group + " for class " + leadClass;
      }
    }
    if (!(routing.get("priority") instanceof Number)) {
      return "The routing table gave no task priority for class " + leadClass;
    }
    for (String name : DURATIONS) {
      try {
        Duration ignored = DueDates.parse((String) routing.get(name));
      } catch (IllegalArgumentException | ClassCastException e) {
        return "The routing table's " + name + " for class " + leadClass + " is unusable: " + e.getMessage();
      }
    }
    return null;
  }
}
