package com.leadhandoff.escalation;

import static com.leadhandoff.lead.LeadVariables.number;
import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.lead.LeadText;
import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * For leads started on a process version from before the escalation ladder: nobody in the
 * escalation group took the lead over in time, so it climbs to the group the old model names,
 * with a fresh deadline each time, until a person takes it. New leads follow the ladder.
 */
@Component("raiseEscalationLevel")
public class RaiseEscalationLevel implements JavaDelegate {

  private final DueDates dueDates;
  private final LeadText text;
  private final Timeline timeline;

  public RaiseEscalationLevel(DueDates dueDates, LeadText text, Timeline timeline) {
    this.dueDates = dueDates;
    this.text = text;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var lead = execution.getProcessInstance();
    String previousGroup = text(execution, "escalationGroup");
    lead.setVariable("escalationNote",
        "Nobody in " + previousGroup + " took it over by " + text(execution, "takeOverDueText"));
    lead.setVariable("escalationGroup", text(execution, "escalateTo"));
    lead.setVariable("escalationLevel", number(execution, "escalationLevel") + 1);
    RecordEscalation.setTakeOverDeadline(lead, dueDates, text);
    timeline.record(execution, Kind.ESCALATED, "Escalated to " + text(execution, "escalateTo") + ": "
        + text(lead, "escalationNote") + "; take over by " + text(lead, "takeOverDueText"), null);
  }
}
