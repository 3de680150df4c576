package com.leadhandoff.escalation;

import static com.leadhandoff.lead.LeadVariables.text;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The holder declined (reason checked when the task was completed): the next person who has not declined gets the lead. */
@Component("handOnLead")
public class HandOnLead implements JavaDelegate {

  private final AcceptanceLadder ladder;

  public HandOnLead(AcceptanceLadder ladder) {
    this.ladder = ladder;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var lead = execution.getProcessInstance();
    ladder.handOn(lead, text(lead, "declinedByNow"), text(lead, "declineReasonCode"), text(lead, "declineReason"));
  }
}
