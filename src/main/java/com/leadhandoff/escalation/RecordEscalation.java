package com.leadhandoff.escalation;

import static com.leadhandoff.lead.LeadVariables.isTrue;
import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.lead.LeadText;
import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * For leads started on a process version from before the escalation ladder (their model still
 * has "Take over escalated lead"): the owner declined, or nobody accepted by the reassign time,
 * so the lead moves to the escalation group picked by routing, with its own deadline. New leads
 * follow the ladder ({@link AcceptanceLadder}); this keeps the old ones moving until they close.
 */
@Component("recordEscalation")
public class RecordEscalation implements JavaDelegate {

  private final DueDates dueDates;
  private final LeadText text;
  private final Timeline timeline;

  public RecordEscalation(DueDates dueDates, LeadText text, Timeline timeline) {
    this.dueDates = dueDates;
    this.text = text;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!"decline".equals(text(execution, "acceptDecision"))) {
      execution.setVariable("escalationNote", "Not accepted by " + text(execution, "acceptDueText"));
    }
    execution.setVariable("slaState", "ESCALATED");
    execution.setVariable("escalated", true);
    execution.setVariable("escalationLevel", 1);
    setTakeOverDeadline(execution, dueDates, text);
    timeline.record(execution, Kind.ESCALATED, "Escalated to " + text(execution, "escalationGroup") + ": "
        + text(execution, "escalationNote") + "; take over by " + text(execution, "takeOverDueText"), null);
  }

  static void setTakeOverDeadline(DelegateExecution execution, DueDates dueDates, LeadText text) {
    Date due = dueDates.fromNow(text(execution, "reassignAfter"), isTrue(execution, "businessHours"));
    execution.setVariable("takeOverDue", due);
    execution.setVariable("takeOverDueText", text.time(due));
  }
}
