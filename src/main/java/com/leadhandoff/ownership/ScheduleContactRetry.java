package com.leadhandoff.ownership;

import static com.leadhandoff.lead.LeadVariables.isTrue;
import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.escalation.DueDates;
import com.leadhandoff.lead.LeadText;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * No answer, and the retry table says try again: the same owner gets the next attempt, due after
 * the table's interval, with a blank form so the last attempt's outcome is not resubmitted.
 */
@Component("scheduleContactRetry")
public class ScheduleContactRetry implements JavaDelegate {

  private final DueDates dueDates;
  private final LeadText text;

  public ScheduleContactRetry(DueDates dueDates, LeadText text) {
    this.dueDates = dueDates;
    this.text = text;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var due = dueDates.fromNow(text(execution, "retryAfter"), isTrue(execution, "businessHours"));
    execution.setVariable("firstContactDue", due);
    execution.setVariable("firstContactAtText", text.time(due));
    execution.removeVariable("contactOutcome");
    execution.removeVariable("contactNotes");
  }
}
