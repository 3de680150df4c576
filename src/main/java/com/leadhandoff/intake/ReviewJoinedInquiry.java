package com.leadhandoff.intake;

import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The owner's call on a joined inquiry that said something new: the same job (it stays on this
 * lead) or a different job (it is split into a lead of its own). Refuses to complete without one.
 */
@Component("reviewJoinedInquiry")
public class ReviewJoinedInquiry implements ExecutionListener {

  static final String TASK = "UserTask_ReviewJoinedInquiry";

  private final Timeline timeline;

  public ReviewJoinedInquiry(Timeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public void notify(DelegateExecution review) {
    if (review.isCanceled()) {
      return;
    }
    String decision = text(review, "joinedDecision");
    if (!"same-job".equals(decision) && !"different-job".equals(decision)) {
      throw new ProcessEngineException("Choose whether the new inquiry is the same job or a different job");
    }
    if ("same-job".equals(decision)) {
      timeline.record(review, Kind.JOINED, "Joined inquiry reviewed: same job, kept on this lead", text(review, "completedBy"));
    }
  }
}
