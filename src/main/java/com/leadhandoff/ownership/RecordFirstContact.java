package com.leadhandoff.ownership;

import static com.leadhandoff.lead.LeadVariables.number;
import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.escalation.BusinessHoursProperties;
import com.leadhandoff.escalation.DueDates;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The first contact's outcome. Booked and follow-up complete the handoff: the lead was accepted,
 * the customer reached, and the next step fixed with a time. No answer counts an attempt.
 */
@Component("recordFirstContact")
public class RecordFirstContact implements TaskListener {

  private final DueDates dueDates;
  private final BusinessHoursProperties businessHours;

  public RecordFirstContact(DueDates dueDates, BusinessHoursProperties businessHours) {
    this.dueDates = dueDates;
    this.businessHours = businessHours;
  }

  @Override
  public void notify(DelegateTask task) {
    String outcome = text(task, "contactOutcome");
    if (text(task, "contactNotes") == null) {
      throw new ProcessEngineException("Note what was agreed or what happened on the call");
    }
    Date now = Date.from(dueDates.now());
    switch (outcome == null ? "" : outcome) {
      case "booked" -> {
        var appointment = FormTimes.instant(task.getVariable("appointmentAt"), "The appointment time", businessHours.zone());
        task.setVariable("appointmentAt", Date.from(appointment));
        handedOff(task, now);
      }
      case "follow-up" -> {
        var followUp = FormTimes.date(task.getVariable("followUpOn"), "The follow-up date");
        task.setVariable("followUpOn", Date.from(followUp.atStartOfDay(businessHours.zone()).toInstant()));
        handedOff(task, now);
      }
      case "no-answer" -> task.setVariable("contactAttempts", number(task, "contactAttempts") + 1);
      case "not-a-fit" -> {
        if (text(task, "notFitReason") == null) {
          throw new ProcessEngineException("Say why the lead is not a fit, and where the customer was referred");
        }
      }
      default -> throw new ProcessEngineException("Choose the outcome: booked, follow-up, no-answer or not-a-fit");
    }
    task.setVariable("lastContactAttemptAt", now);
    task.setVariable("lastContactBy", ActingUser.of(task));
  }

  private static void handedOff(DelegateTask task, Date now) {
    task.setVariable("handedOff", true);
    task.setVariable("handedOffAt", now);
  }
}
