package com.leadhandoff.ownership;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** The person completing a task: its assignee (Tasklist claims before completing), else the logged-in user. */
final class ActingUser {

  private ActingUser() {}

  static String of(DelegateTask task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    throw new ProcessEngineException("Claim the task first: a lead is always owned by a named person");
  }
}
