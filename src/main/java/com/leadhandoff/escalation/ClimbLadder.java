package com.leadhandoff.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Nobody accepted at this level in time: the next level of the pinned ladder takes the lead. */
@Component("climbLadder")
public class ClimbLadder implements JavaDelegate {

  private final AcceptanceLadder ladder;

  public ClimbLadder(AcceptanceLadder ladder) {
    this.ladder = ladder;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ladder.climb(execution.getProcessInstance());
  }
}
