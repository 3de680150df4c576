package com.leadhandoff.routing;

import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.lead.LeadClass;
import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The office manager's judgement on a lead routing could not place or found a poor fit: decline
 * with a referral, or name the class it belongs in. Refuses to complete the task without either.
 */
@Component("recordRoutingReview")
public class RecordRoutingReview implements ExecutionListener {

  private final Timeline timeline;

  public RecordRoutingReview(Timeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public void notify(DelegateExecution lead) {
    if (lead.isCanceled()) {
      return;
    }
    boolean poorFitReview = "UserTask_ReviewPoorFit".equals(lead.getCurrentActivityId());
    if (poorFitReview && "decline".equals(text(lead, "poorFitDecision"))) {
      if (text(lead, "referralNote") == null) {
        throw new ProcessEngineException("Say where the customer was referred before declining the lead");
      }
      timeline.record(lead, Kind.REVIEWED, "Declined as a poor fit with referral: " + text(lead, "referralNote"), text(lead, "completedBy"));
      return;
    }
    if (poorFitReview && !"override".equals(text(lead, "poorFitDecision"))) {
      throw new ProcessEngineException("Choose whether to decline the lead or route it after all");
    }
    if (LeadClass.chosenByHand(text(lead, "classOverride")).isEmpty()) {
      throw new ProcessEngineException("Choose the class for this lead: EMERGENCY, PREMIUM or STANDARD");
    }
    timeline.record(lead, Kind.REVIEWED, "Class chosen by hand: " + text(lead, "classOverride"), text(lead, "completedBy"));
  }
}
