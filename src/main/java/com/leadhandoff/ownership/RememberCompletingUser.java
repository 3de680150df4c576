package com.leadhandoff.ownership;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Remembers, for the length of the completing transaction only, who completed a lead task: its
 * assignee (Tasklist claims before completing), else the logged-in user. The task's end listener
 * checks the form there, because messages thrown from an execution listener reach Tasklist as
 * written, while task-listener exceptions arrive wrapped in engine text.
 */
@Component("rememberCompletingUser")
public class RememberCompletingUser implements TaskListener {

  private static final String COMPLETED_BY = "completedBy";

  @Override
  public void notify(DelegateTask task) {
    String user = task.getAssignee();
    var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null && authentication != null) {
      user = authentication.getUserId();
    }
    if (user != null) {
      task.getExecution().setVariableLocal(COMPLETED_BY, Variables.stringValue(user, true));
    }
  }

  /** The person completing the current task; a lead is always owned by a named person. */
  static String of(DelegateExecution execution) {
    Object user = execution.getVariable(COMPLETED_BY);
    if (user == null) {
      throw new ProcessEngineException("Claim the task first: a lead is always owned by a named person");
    }
    return user.toString();
  }
}
