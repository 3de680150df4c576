package com.leadhandoff.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Reminder time of the current ladder level: flag the task and tell its holder and the level's supervisors. */
@Component("remindOwner")
public class RemindOwner implements JavaDelegate {

  private final AcceptanceLadder ladder;

  public RemindOwner(AcceptanceLadder ladder) {
    this.ladder = ladder;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ladder.remind(execution.getProcessInstance());
  }
}
