package com.leadhandoff.ownership;

import static com.leadhandoff.lead.LeadVariables.number;
import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.escalation.BusinessHoursProperties;
import com.leadhandoff.escalation.DueDates;
import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The first contact's outcome. Booked and follow-up complete the handoff: the lead was accepted,
 * the customer reached, and the next step fixed with a time. No answer counts an attempt.
 */
@Component("recordFirstContact")
public class RecordFirstContact implements ExecutionListener {

  private final DueDates dueDates;
  private final BusinessHoursProperties businessHours;
  private final Timeline timeline;

  public RecordFirstContact(DueDates dueDates, BusinessHoursProperties businessHours, Timeline timeline) {
    this.dueDates = dueDates;
    this.businessHours = businessHours;
    this.timeline = timeline;
  }

  @Override
  public void notify(DelegateExecution lead) {
    if (lead.isCanceled()) {
      return;
    }
    String outcome = text(lead, "contactOutcome");
    if (text(lead, "contactNotes") == null) {
      throw new ProcessEngineException("Note what was agreed or what happened on the call");
    }
    Date now = Date.from(dueDates.now());
    switch (outcome == null ? "" : outcome) {
      case "booked" -> {
        var appointment = FormTimes.instant(lead.getVariable("appointmentAt"), "The appointment time", businessHours.zone());
        lead.setVariable("appointmentAt", Date.from(appointment));
        handedOff(lead, now);
      }
      case "follow-up" -> {
        var followUp = FormTimes.date(lead.getVariable("followUpOn"), "The follow-up date");
        lead.setVariable("followUpOn", Date.from(followUp.atStartOfDay(businessHours.zone()).toInstant()));
        handedOff(lead, now);
      }
      case "no-answer" -> lead.setVariable("contactAttempts", number(lead, "contactAttempts") + 1);
      case "not-a-fit" -> {
        if (text(lead, "notFitReason") == null) {
          throw new ProcessEngineException("Say why the lead is not a fit, and where the customer was referred");
        }
      }
      default -> throw new ProcessEngineException("Choose the outcome: booked, follow-up, no-answer or not-a-fit");
    }
    lead.setVariable("lastContactAttemptAt", now);
    lead.setVariable("lastContactBy", RememberCompletingUser.of(lead));
    timeline.record(lead, "no-answer".equals(outcome) ? Kind.CONTACT_ATTEMPT : Kind.FIRST_CONTACT,
        "Contact outcome " + outcome + ": " + text(lead, "contactNotes"), RememberCompletingUser.of(lead));
  }

  private static void handedOff(DelegateExecution lead, Date now) {
    lead.setVariable("handedOff", true);
    lead.setVariable("handedOffAt", now);
  }
}
