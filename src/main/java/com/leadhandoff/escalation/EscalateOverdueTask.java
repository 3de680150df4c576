package com.leadhandoff.escalation;

import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A deadline passed while a task is still open: the task stays with its owner, but is marked
 * OVERDUE, moves up the queue, and becomes visible to the escalation group so someone senior sees
 * it in Tasklist. The model says which task, which group, and the SLA state to record.
 */
@Component("escalateTask")
public class EscalateOverdueTask implements JavaDelegate {

  static final String OVERDUE_PREFIX = "OVERDUE · ";
  private static final int PRIORITY_BUMP = 10;

  private final Timeline timeline;

  public EscalateOverdueTask(Timeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String overdueTask = text(execution, "overdueTask");
    String escalateTo = text(execution, "escalateTo");
    TaskService taskService = execution.getProcessEngineServices().getTaskService();
    Task task = taskService.createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(overdueTask)
        .singleResult();
    if (task != null) {
      if (!task.getName().startsWith(OVERDUE_PREFIX)) {
        task.setName(OVERDUE_PREFIX + task.getName());
      }
      task.setPriority(Math.min(100, task.getPriority() + PRIORITY_BUMP));
      taskService.saveTask(task);
      taskService.addCandidateGroup(task.getId(), escalateTo);
    }
    var lead = execution.getProcessInstance();
    lead.setVariable("slaState", text(execution, "state"));
    lead.setVariable("escalated", true);
    lead.setVariable("escalationNote", text(execution, "note"));
    timeline.record(execution, Kind.WARNING, text(execution, "note") + "; now also shown to " + escalateTo, null);
  }
}
