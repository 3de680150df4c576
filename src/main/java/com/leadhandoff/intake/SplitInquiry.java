package com.leadhandoff.intake;

import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The owner judged a joined inquiry a different job: it becomes a lead of its own, routed like any other. */
@Component("splitInquiry")
public class SplitInquiry implements JavaDelegate {

  private final LeadIntake intake;
  private final Timeline timeline;

  public SplitInquiry(LeadIntake intake, Timeline timeline) {
    this.intake = intake;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution review) {
    String by = text(review, "completedBy");
    String newLead = intake.split(text(review, "joinedInquiryId"), by);
    review.setVariableLocal("splitLeadId", newLead);
    timeline.record(review, Kind.SPLIT, "Joined inquiry split into lead " + newLead + " as a different job", by);
  }
}
