package com.leadhandoff.escalation;

import static com.leadhandoff.lead.LeadVariables.isTrue;
import static com.leadhandoff.lead.LeadVariables.number;
import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.escalation.Ladder.Level;
import com.leadhandoff.lead.LeadText;
import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import com.leadhandoff.notify.NotificationEvent;
import com.leadhandoff.notify.Notifications;
import com.leadhandoff.notify.Recipient;
import com.leadhandoff.ownership.Assignments;
import com.leadhandoff.ownership.Assignments.Assignment;
import com.leadhandoff.ownership.Declines;
import com.leadhandoff.ownership.OwnershipProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The acceptance ladder, step by step: who holds "Accept lead" at each level, when they are
 * reminded, when it moves up, and who it goes to after a decline. Every step names one person
 * where anyone can take it (the group stays a candidate so teammates see it), writes why on the
 * timeline, and tells the people concerned. The ladder's clock is not reset by declines, so a
 * chain of declines cannot hold an emergency back.
 */
@Component
public class AcceptanceLadder {

  private static final int PRIORITY_STEP = 10;

  private final Ladder ladder;
  private final Assignments assignments;
  private final Declines declines;
  private final DueDates dueDates;
  private final LeadText text;
  private final Timeline timeline;
  private final Notifications notifications;
  private final OwnershipProperties ownership;

  public AcceptanceLadder(Ladder ladder, Assignments assignments, Declines declines, DueDates dueDates, LeadText text,
      Timeline timeline, Notifications notifications, OwnershipProperties ownership) {
    this.ladder = ladder;
    this.assignments = assignments;
    this.declines = declines;
    this.dueDates = dueDates;
    this.text = text;
    this.timeline = timeline;
    this.notifications = notifications;
    this.ownership = ownership;
  }

  /** The lead entered its class: pin the ladder in force now and give level 1 to one person. */
  void enter(DelegateExecution lead) {
    lead.setVariable("ladderEntry", java.util.UUID.randomUUID().toString());
    lead.setVariable("declinedBy", "");
    lead.setVariable("declineCount", 0);
    lead.setVariable("declineAllowed", true);
    var result = ladder.enter(lead);
    Level first = result.level().orElseThrow();
    Assignment assignment = assignments.assign(groupOf(lead, first), first.assign(), List.of(), workableFrom(lead), dueDates.now());
    setLevel(lead, first, assignment, true);
    timeline.record(lead, Kind.ASSIGNED, describe(lead, assignment) + "; follows " + text(lead, "ladderVersion")
        + (result.problem() == null ? "" : " (" + result.problem() + ")") + ": reminder " + text(lead, "remindDueText")
        + ", moves up " + text(lead, "reassignDueText"), null);
    tell(lead, NotificationEvent.ASSIGNED, "New lead for you", "A new " + className(lead) + " lead is yours to accept by "
        + text(lead, "ownerDueText") + ".\n" + assignment.why());
  }

  /** Reminder time of the level: flag the task, show it to the level's supervisors, tell owner and supervisors. */
  void remind(DelegateExecution lead) {
    String notifyGroup = text(lead, "levelNotifyGroup");
    var task = lead.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(lead.getProcessInstanceId()).taskDefinitionKey("UserTask_AcceptLead").singleResult();
    List<Recipient> to = new ArrayList<>(owners(lead));
    if (task != null) {
      EscalateOverdueTask.flag(lead.getProcessEngineServices().getTaskService(), task, notifyGroup);
    }
    if (notifyGroup != null) {
      to.add(Recipient.group(notifyGroup));
    }
    lead.setVariable("slaState", number(lead, "escalationLevel") > 1 ? "ESCALATED" : "WATCH");
    lead.setVariable("escalated", true);
    lead.setVariable("escalationNote", "Not accepted by " + text(lead, "remindDueText") + " at level " + number(lead, "escalationLevel"));
    timeline.record(lead, Kind.WARNING, "Reminder: " + text(lead, "escalationNote") + "; "
        + (notifyGroup == null ? "" : notifyGroup + " told; ") + "moves up " + text(lead, "reassignDueText"), null);
    notifications.publish(lead, NotificationEvent.REMINDER, to, "Reminder: lead waiting",
        "This lead is still not accepted (level " + number(lead, "escalationLevel") + ", " + holder(lead) + "). It moves up at "
            + text(lead, "reassignDueText") + " unless someone accepts it.");
  }

  /** Time up at this level: the next level takes it; at the top, the top level's next person, again and again until someone accepts. */
  void climb(DelegateExecution lead) {
    int current = number(lead, "escalationLevel");
    String previous = holder(lead);
    var result = ladder.level(lead, current + 1);
    Level next = result.level().orElseGet(() -> currentLevel(lead, current));
    List<String> declined = declines.decliners(lead.getProcessInstanceId(), text(lead, "ladderEntry"));
    Assignment assignment = assignments.assign(groupOf(lead, next), next.assign(), declined, workableFrom(lead), dueDates.now());
    lead.setVariable("escalated", true);
    lead.setVariable("slaState", "ESCALATED");
    lead.setVariable("escalationNote", "Not accepted by " + previous + " by " + text.time(dueDates.now()));
    setLevel(lead, next, assignment, false);
    String where = next.number() > current ? "Escalated to level " + next.number() : "Still at the top level " + next.number();
    timeline.record(lead, Kind.ESCALATED, where + ": " + describe(lead, assignment) + (result.problem() == null ? "" : " (" + result.problem() + ")")
        + "; moves on " + text(lead, "reassignDueText"), null);
    tell(lead, NotificationEvent.REASSIGNED, "Escalated lead for you",
        text(lead, "escalationNote") + ". It is now yours to take over by " + text(lead, "ownerDueText") + ".\n" + assignment.why());
  }

  /**
   * The holder declined: record it, and give the lead to the next person of the level's group who
   * has not declined it; after the decline limit (or when nobody is left) the office manager gets it,
   * without the option to decline again.
   */
  void handOn(DelegateExecution lead, String decliner, String reasonCode, String reasonText) {
    Instant now = dueDates.now();
    int level = number(lead, "escalationLevel");
    String group = text(lead, "acceptGroup");
    String entry = text(lead, "ladderEntry");
    declines.record(new Declines.Decline(lead.getProcessInstanceId(), entry, decliner, group, level, reasonCode, reasonText, now));
    List<String> declined = declines.decliners(lead.getProcessInstanceId(), entry);
    int count = declined.size();
    lead.setVariable("declinedBy", String.join(",", declined));
    lead.setVariable("declineCount", count);
    lead.setVariable("escalated", true);
    lead.setVariable("escalationNote", LeadText.fitted("Declined by " + decliner + ": " + (reasonText == null
        ? com.leadhandoff.ownership.DeclineReason.coded(reasonCode).map(com.leadhandoff.ownership.DeclineReason::label).orElse(reasonCode) : reasonText)));
    Assignment assignment = null;
    Instant workable = workableFrom(lead);
    if (count < ownership.declineLimit()) {
      assignment = assignments.byRotation(group, declined, workable, now, "");
      if (assignment.assignee() == null) {
        assignment = null;
      }
    }
    if (assignment == null) {
      String office = ownership.declineFallbackGroup();
      assignment = assignments.byRotation(office, declined, workable, now, (count >= ownership.declineLimit()
          ? "declined " + count + " times, so the " + office + " group decides: " : "nobody in " + group + " who has not declined it is free: "));
      lead.setVariable("declineAllowed", false);
    }
    lead.setVariable("acceptGroup", assignment.group());
    lead.setVariable("acceptGroups", assignment.offeredToText());
    lead.setVariable("acceptAssignee", assignment.assignee());
    lead.setVariable("ownerNote", assignment.why());
    for (String formField : List.of("acceptDecision", "declineReason", "declineReasonCode")) {
      lead.removeVariable(formField);
    }
    if (!dueDates.now().isBefore(((Date) lead.getVariable("remindDue")).toInstant())) {
      Date fresh = dueDates.fromNow(text(lead, "levelRemindAfter"), isTrue(lead, "businessHours"));
      Date reassign = (Date) lead.getVariable("reassignDue");
      setDue(lead, "remindDue", fresh.before(reassign) ? fresh : reassign);
    }
    setDue(lead, "ownerDue", (Date) lead.getVariable("remindDue"));
    timeline.record(lead, Kind.ASSIGNED, "Handed on after a decline: " + describe(lead, assignment), null);
    tell(lead, NotificationEvent.REASSIGNED, "Declined lead for you",
        text(lead, "escalationNote") + ". It is now yours to accept by " + text(lead, "ownerDueText") + ".\n" + assignment.why());
  }

  private void setLevel(DelegateExecution lead, Level level, Assignment assignment, boolean first) {
    boolean businessHours = isTrue(lead, "businessHours");
    lead.setVariable("escalationLevel", level.number());
    lead.setVariable("levelGroup", level.group());
    lead.setVariable("levelAssign", level.assign().words());
    lead.setVariable("levelRemindAfter", level.remindAfter());
    lead.setVariable("levelReassignAfter", level.reassignAfter());
    lead.setVariable("levelNotifyGroup", level.notifyGroup());
    lead.setVariable("acceptGroup", assignment.group());
    lead.setVariable("acceptGroups", assignment.offeredToText());
    lead.setVariable("acceptAssignee", assignment.assignee());
    lead.setVariable("ownerNote", assignment.why());
    setDue(lead, "remindDue", dueDates.fromNow(level.remindAfter(), businessHours));
    setDue(lead, "reassignDue", dueDates.fromNow(level.reassignAfter(), businessHours));
    Date ownerDue = first && lead.getVariable("acceptDue") instanceof Date sla ? sla : (Date) lead.getVariable("remindDue");
    setDue(lead, "ownerDue", ownerDue);
    lead.setVariable("acceptPriority", Math.min(100, number(lead, "priority") + PRIORITY_STEP * (level.number() - 1)));
  }

  private void setDue(DelegateExecution lead, String name, Date due) {
    lead.setVariable(name, due);
    lead.setVariable(name + "Text", text.time(due));
  }

  private Level currentLevel(DelegateExecution lead, int number) {
    return new Level(number, text(lead, "levelGroup"), Assignments.Method.named(text(lead, "levelAssign")),
        text(lead, "levelRemindAfter"), text(lead, "levelReassignAfter"), text(lead, "levelNotifyGroup"), false);
  }

  /** When the lead can be worked: now, or for a business-hours lead captured after hours, the next opening. */
  private Instant workableFrom(DelegateExecution lead) {
    Instant now = dueDates.now();
    return isTrue(lead, "businessHours") ? dueDates.nextOpening(now) : now;
  }

  private static String groupOf(DelegateExecution lead, Level level) {
    return level.group() == null ? text(lead, "ownerGroup") : level.group();
  }

  private String describe(DelegateExecution lead, Assignment assignment) {
    return (assignment.assignee() == null ? "offered to " + assignment.group() + ", nobody assigned" : "assigned to " + assignment.assignee()
        + " (" + assignment.group() + ")") + ": " + assignment.why();
  }

  private static String holder(DelegateExecution lead) {
    String assignee = text(lead, "acceptAssignee");
    return assignee == null ? text(lead, "acceptGroup") : assignee;
  }

  private static List<Recipient> owners(DelegateExecution lead) {
    String assignee = text(lead, "acceptAssignee");
    return assignee == null ? java.util.Arrays.stream(text(lead, "acceptGroups").split(",")).map(Recipient::group).toList()
        : List.of(Recipient.user(assignee));
  }

  /** Tells whoever holds the lead now (set just before): the person, or the groups it is offered to. */
  private void tell(DelegateExecution lead, NotificationEvent event, String subject, String body) {
    notifications.publish(lead, event, owners(lead), subject, body);
  }

  private static String className(DelegateExecution lead) {
    String leadClass = text(lead, "leadClass");
    return leadClass == null ? "" : leadClass.toLowerCase(java.util.Locale.ROOT);
  }
}
