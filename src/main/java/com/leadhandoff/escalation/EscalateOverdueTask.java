package com.leadhandoff.escalation;

import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import com.leadhandoff.notify.NotificationEvent;
import com.leadhandoff.notify.Notifications;
import com.leadhandoff.notify.Recipient;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A deadline passed while a task is still open: the task stays with its owner, but is marked
 * OVERDUE, moves up the queue, and becomes visible to the escalation group so someone senior sees
 * it in Tasklist; its owner and that group are told. The model says which task, which group, and
 * the SLA state to record (MISSED_COMMITMENT for a first contact not made by the promised time).
 */
@Component("escalateTask")
public class EscalateOverdueTask implements JavaDelegate {

  static final String OVERDUE_PREFIX = "OVERDUE · ";
  private static final int PRIORITY_BUMP = 10;

  private final Timeline timeline;
  private final Notifications notifications;

  public EscalateOverdueTask(Timeline timeline, Notifications notifications) {
    this.timeline = timeline;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String overdueTask = text(execution, "overdueTask");
    String escalateTo = text(execution, "escalateTo");
    String state = text(execution, "state");
    TaskService taskService = execution.getProcessEngineServices().getTaskService();
    Task task = taskService.createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(overdueTask)
        .singleResult();
    List<Recipient> to = new ArrayList<>();
    if (task != null) {
      flag(taskService, task, escalateTo);
      if (task.getAssignee() != null) {
        to.add(Recipient.user(task.getAssignee()));
      }
    }
    to.add(Recipient.group(escalateTo));
    var lead = execution.getProcessInstance();
    lead.setVariable("slaState", state);
    lead.setVariable("escalated", true);
    lead.setVariable("escalationNote", text(execution, "note"));
    timeline.record(execution, Kind.WARNING, text(execution, "note") + "; now also shown to " + escalateTo, null);
    boolean missed = "MISSED_COMMITMENT".equals(state);
    notifications.publish(execution, missed ? NotificationEvent.MISSED_COMMITMENT : NotificationEvent.REMINDER, to,
        missed ? "Missed first contact" : "Overdue: " + (task == null ? overdueTask : task.getName()),
        text(execution, "note") + (missed && text(execution, "firstContactAtText") != null ? " (promised by " + text(execution, "firstContactAtText") + ")" : "")
            + (task != null && task.getAssignee() != null ? ". Owner: " + task.getAssignee() : "") + ".");
  }

  /** Marks the task overdue, raises its priority, and offers it to the group as well (never taking it from its owner). */
  static void flag(TaskService taskService, Task task, String alsoShowTo) {
    if (!task.getName().startsWith(OVERDUE_PREFIX)) {
      task.setName(OVERDUE_PREFIX + task.getName());
    }
    task.setPriority(Math.min(100, task.getPriority() + PRIORITY_BUMP));
    taskService.saveTask(task);
    if (alsoShowTo != null) {
      taskService.addCandidateGroup(task.getId(), alsoShowTo);
    }
  }
}
