package com.leadhandoff.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The lead entered its class: pin the escalation ladder in force now and give level 1 to one person. */
@Component("enterLadder")
public class EnterLadder implements JavaDelegate {

  private final AcceptanceLadder ladder;

  public EnterLadder(AcceptanceLadder ladder) {
    this.ladder = ladder;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ladder.enter(execution.getProcessInstance());
  }
}
