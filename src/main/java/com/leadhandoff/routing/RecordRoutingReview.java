package com.leadhandoff.routing;

import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.lead.LeadClass;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The office manager's judgement on a lead routing could not place or found a poor fit: decline
 * with a referral, or name the class it belongs in. Refuses to complete the task without either.
 */
@Component("recordRoutingReview")
public class RecordRoutingReview implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    boolean poorFitReview = "UserTask_ReviewPoorFit".equals(task.getTaskDefinitionKey());
    if (poorFitReview && "decline".equals(text(task, "poorFitDecision"))) {
      if (text(task, "referralNote") == null) {
        throw new ProcessEngineException("Say where the customer was referred before declining the lead");
      }
      return;
    }
    if (poorFitReview && !"override".equals(text(task, "poorFitDecision"))) {
      throw new ProcessEngineException("Choose whether to decline the lead or route it after all");
    }
    if (LeadClass.chosenByHand(text(task, "classOverride")).isEmpty()) {
      throw new ProcessEngineException("Choose the class for this lead: EMERGENCY, PREMIUM or STANDARD");
    }
  }
}
