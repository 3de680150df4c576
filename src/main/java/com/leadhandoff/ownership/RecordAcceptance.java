package com.leadhandoff.ownership;

import static com.leadhandoff.lead.LeadVariables.isTrue;
import static com.leadhandoff.lead.LeadVariables.number;
import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.escalation.BusinessHoursProperties;
import com.leadhandoff.escalation.DueDates;
import com.leadhandoff.lead.LeadText;
import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The SOP's acceptance standard, enforced when "Accept lead" is completed at any ladder level
 * (not when a timer cancels it): the owner has read the context, names the next action, and
 * commits to a first-contact time within the SLA. A decline needs a reason from the list (and
 * words when the reason is "other"); the next step hands the lead on. Once the decline limit is
 * reached the office manager holds the lead and may not decline it again.
 */
@Component("recordAcceptance")
public class RecordAcceptance implements ExecutionListener {

  /** A commitment a few minutes in the past is a slow click, not a backdated promise. */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

  private final DueDates dueDates;
  private final LeadText text;
  private final BusinessHoursProperties businessHours;
  private final Timeline timeline;

  public RecordAcceptance(DueDates dueDates, LeadText text, BusinessHoursProperties businessHours, Timeline timeline) {
    this.dueDates = dueDates;
    this.text = text;
    this.businessHours = businessHours;
    this.timeline = timeline;
  }

  @Override
  public void notify(DelegateExecution lead) {
    if (lead.isCanceled()) {
      return;
    }
    String user = RememberCompletingUser.of(lead);
    // Leads started before the escalation ladder still have "Take over escalated lead", whose form is an acceptance.
    boolean legacyTakeOver = "UserTask_TakeOverEscalatedLead".equals(lead.getCurrentActivityId());
    String decision = legacyTakeOver ? "accept" : text(lead, "acceptDecision");
    if ("decline".equals(decision)) {
      recordDecline(lead, user);
    } else if ("accept".equals(decision)) {
      recordAccept(lead, user);
    } else {
      throw new ProcessEngineException("Choose whether you accept this lead or decline it");
    }
  }

  private void recordDecline(DelegateExecution lead, String user) {
    if (lead.getVariable("declineAllowed") instanceof Boolean allowed && !allowed) {
      throw new ProcessEngineException("This lead has been declined " + number(lead, "declineCount")
          + " times and may not be declined again: accept it and decide the next step");
    }
    var reason = DeclineReason.coded(text(lead, "declineReasonCode")).orElseThrow(() -> new ProcessEngineException(
        "Pick why you decline the lead from the list: the next owner and the weekly review read it"));
    String words = text(lead, "declineReason");
    if (reason == DeclineReason.OTHER && words == null) {
      throw new ProcessEngineException("Say in a few words why you decline the lead");
    }
    if (words != null && words.length() > DeclineReason.MAX_WORDS) {
      throw new ProcessEngineException("Say why you decline in at most " + DeclineReason.MAX_WORDS + " characters, not " + words.length());
    }
    lead.setVariable("declinedByNow", user);
    timeline.record(lead, Kind.DECLINED, "Declined: " + reason.label() + (words == null ? "" : " — " + words), user);
  }

  private void recordAccept(DelegateExecution lead, String user) {
    if (!isTrue(lead, "contextConfirmed")) {
      throw new ProcessEngineException("Confirm that you have read the lead's context");
    }
    if (text(lead, "nextAction") == null) {
      throw new ProcessEngineException("Name the next action you will take");
    }
    Instant now = dueDates.now();
    Instant committed = FormTimes.instant(lead.getVariable("firstContactAt"), "The first-contact time", businessHours.zone());
    Duration contactWithin = DueDates.parse(text(lead, "contactWithin"));
    Instant latest = dueDates.after(now, contactWithin, isTrue(lead, "businessHours"));
    if (committed.isBefore(now.minus(CLOCK_SLACK))) {
      throw new ProcessEngineException("The first-contact time " + text.time(committed) + " is in the past");
    }
    if (committed.isAfter(latest)) {
      throw new ProcessEngineException("First contact must happen within " + LeadText.duration(contactWithin)
          + ": commit to a time no later than " + text.time(latest) + ", not " + text.time(committed));
    }
    lead.setVariable("acceptDecision", "accept");
    lead.setVariable("acceptedBy", user);
    lead.setVariable("acceptedAt", Date.from(now));
    lead.setVariable("firstContactDue", Date.from(committed.isBefore(now) ? now : committed));
    lead.setVariable("firstContactAtText", text.time(committed));
    timeline.record(lead, Kind.ACCEPTED, "Accepted; first contact promised by " + text.time(committed) + "; next: " + text(lead, "nextAction"), user);
  }
}
