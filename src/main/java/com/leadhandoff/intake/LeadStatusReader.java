package com.leadhandoff.intake;

import com.leadhandoff.intake.LeadStatus.Owner;
import com.leadhandoff.intake.LeadStore.Lead;
import com.leadhandoff.lead.Timeline;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Reads a lead's status from the engine (its open task, its variables' history) and its timeline. */
@Component
public class LeadStatusReader {

  private static final Map<String, String> STAGES = Map.of(
      "UserTask_CompleteIntakeRecord", "INTAKE_INCOMPLETE",
      "UserTask_RouteByHand", "ROUTING_BY_HAND",
      "UserTask_ReviewPoorFit", "POOR_FIT_REVIEW",
      "UserTask_AcceptLead", "AWAITING_ACCEPTANCE",
      "UserTask_RecordFirstContact", "AWAITING_FIRST_CONTACT");
  private static final List<String> SHOWN = List.of("leadClass", "routingReason", "slaState", "ownerGroup", "acceptedBy",
      "fullName", "phone", "email", "problem");

  private final LeadStore store;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final Timeline timeline;

  public LeadStatusReader(LeadStore store, TaskService taskService, HistoryService historyService, Timeline timeline) {
    this.store = store;
    this.taskService = taskService;
    this.historyService = historyService;
    this.timeline = timeline;
  }

  /** The lead's status with its timeline. */
  public Optional<LeadStatus> status(String leadId) {
    return store.lead(leadId).map(lead -> status(lead, true));
  }

  /** The lead's status without its timeline, for answers and lists that do not show it. */
  public Optional<LeadStatus> summary(String leadId) {
    return store.lead(leadId).map(lead -> status(lead, false));
  }

  private LeadStatus status(Lead lead, boolean withTimeline) {
    Map<String, Object> variables = variables(lead.processInstanceId());
    Task task = OwnerTasks.mainTask(taskService, lead.processInstanceId());
    String stage = !lead.open() ? "CLOSED" : task == null ? "CAPTURED" : STAGES.getOrDefault(task.getTaskDefinitionKey(), "CAPTURED");
    Owner owner = null;
    if (task != null) {
      List<String> groups = OwnerTasks.candidateGroups(taskService, task);
      owner = new Owner(groups.isEmpty() ? null : groups.get(0), task.getAssignee());
    } else if (!lead.open() && variables.get("acceptedBy") != null) {
      owner = new Owner((String) variables.get("ownerGroup"), (String) variables.get("acceptedBy"));
    }
    return new LeadStatus(lead.id(), lead.open() ? "OPEN" : "CLOSED", stage, lead.outcome(),
        (String) variables.get("leadClass"), (String) variables.get("routingReason"), owner,
        task == null || task.getDueDate() == null ? null : offset(task.getDueDate()),
        lead.open() ? (String) variables.get("slaState") : null,
        lead.source(), lead.externalId(), (String) variables.get("fullName"), (String) variables.get("phone"),
        (String) variables.get("email"), (String) variables.get("problem"), lead.capturedAt(),
        store.inquiryCount(lead.id()), lead.splitFrom(), withTimeline ? timeline.of(lead.processInstanceId()) : null);
  }

  /** The lead's own variables (not those local to a step), including those of a closed lead. */
  private Map<String, Object> variables(String processInstanceId) {
    Map<String, Object> values = new HashMap<>();
    for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(processInstanceId).variableNameIn(SHOWN.toArray(String[]::new)).disableCustomObjectDeserialization().list()) {
      if (processInstanceId.equals(variable.getActivityInstanceId()) && variable.getValue() != null) {
        values.put(variable.getName(), variable.getValue());
      }
    }
    return values;
  }

  private static java.time.OffsetDateTime offset(Date date) {
    return date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
