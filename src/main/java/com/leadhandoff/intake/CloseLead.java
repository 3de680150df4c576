package com.leadhandoff.intake;

import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The lead reached one of its closing end events, or was cancelled: it is no longer open, so a new
 * inquiry from the same person starts a new lead. Listens on the closing end events and on the
 * process end (which is where a cancellation shows).
 */
@Component("closeLead")
public class CloseLead implements ExecutionListener {

  static final Map<String, String> OUTCOMES = Map.of(
      "EndEvent_Booked", "BOOKED",
      "EndEvent_FollowUpScheduled", "FOLLOW_UP_SCHEDULED",
      "EndEvent_Declined", "DECLINED_WITH_REFERRAL",
      "EndEvent_DeclinedAfterContact", "NOT_A_FIT",
      "EndEvent_Unreachable", "UNREACHABLE");

  private final LeadStore store;
  private final Timeline timeline;

  public CloseLead(LeadStore store, Timeline timeline) {
    this.store = store;
    this.timeline = timeline;
  }

  /** On a closing end event. */
  @Override
  public void notify(DelegateExecution execution) {
    String outcome = OUTCOMES.get(execution.getCurrentActivityId());
    if (outcome != null) {
      close(execution, outcome);
    }
  }

  /** On the end of the whole process: only a cancellation still needs closing. */
  public void onProcessEnd(DelegateExecution execution) {
    if (execution.isCanceled()) {
      close(execution, "CANCELLED");
    }
  }

  private void close(DelegateExecution execution, String outcome) {
    store.close(execution.getProcessInstanceId(), outcome, Timeline.now());
    timeline.record(execution, Kind.CLOSED, "Closed: " + outcome.toLowerCase(Locale.ROOT).replace('_', ' '), null);
  }
}
