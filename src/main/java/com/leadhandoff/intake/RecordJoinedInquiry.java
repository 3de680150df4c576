package com.leadhandoff.intake;

import com.leadhandoff.notify.NotificationEvent;
import com.leadhandoff.notify.Notifications;
import com.leadhandoff.notify.Recipient;

import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.lead.LeadClass;
import com.leadhandoff.lead.LeadText;
import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import com.leadhandoff.routing.DecisionTables;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A second inquiry from the same person reached this open lead. It is added to the lead (missing
 * fields filled, the words appended to what staff read), put on the timeline, and shown to whoever
 * owns the lead now, as a comment on their task. If it makes the lead more urgent than its class
 * while nobody has accepted it yet, the lead is re-routed upward; routing never moves it down. A
 * lead already accepted keeps its owner: their first-contact task moves up the queue instead.
 * When the inquiry describes something new, its owner gets a task to keep it or split it off.
 */
@Component("recordJoinedInquiry")
public class RecordJoinedInquiry implements JavaDelegate {

  static final List<String> WAITING_FOR_AN_OWNER = List.of("UserTask_AcceptLead");
  static final String FIRST_CONTACT = "UserTask_RecordFirstContact";
  private static final List<String> FILLABLE = List.of("fullName", "phone", "email", "addressLine1", "city", "region",
      "postalCode", "serviceType", "customerType", "preferredContactWindow", "consentToContact", "estimatedValue");

  private final LeadIntake intake;
  private final Timeline timeline;
  private final LeadText text;
  private final Notifications notifications;

  public RecordJoinedInquiry(LeadIntake intake, Timeline timeline, LeadText text, Notifications notifications) {
    this.notifications = notifications;
    this.intake = intake;
    this.timeline = timeline;
    this.text = text;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var lead = execution.getProcessInstance();
    String inquiryId = (String) execution.getVariableLocal("joinedInquiryId");
    LeadInquiry inquiry = intake.inquiry(inquiryId);
    String summary = describe(inquiry);

    boolean newDetails = inquiry.problem() != null && !alreadyKnown(lead, inquiry.problem());
    fillGaps(lead, inquiry);
    String joined = text(lead, "joinedInquiries");
    lead.setVariable("joinedInquiries", LeadText.fitted(joined == null ? summary : summary + "\n\n" + joined));
    lead.setVariable("joinedInquiryCount", count(lead) + 1);
    timeline.record(execution, Kind.JOINED, "Joined by a new inquiry from " + inquiry.source()
        + (inquiry.problem() == null ? "" : ": " + inquiry.problem()), inquiry.capturedBy());

    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    Task ownerTask = OwnerTasks.mainTask(tasks, execution.getProcessInstanceId());
    Optional<Map<String, Object>> upward = moreUrgentRouting(lead, inquiry);
    boolean reroute = upward.isPresent() && ownerTask != null && WAITING_FOR_AN_OWNER.contains(ownerTask.getTaskDefinitionKey());
    String reviewGroups = ownerTask == null ? text(lead, "ownerGroup") : String.join(",", OwnerTasks.candidateGroups(tasks, ownerTask));
    if (reroute) {
      reviewGroups = (String) upward.get().get("ownerGroup");
    } else if (upward.isPresent() && ownerTask != null && FIRST_CONTACT.equals(ownerTask.getTaskDefinitionKey())) {
      ownerTask.setPriority(Math.max(ownerTask.getPriority(), ((Number) upward.get().get("priority")).intValue()));
      tasks.saveTask(ownerTask);
    }
    if (ownerTask != null) {
      tasks.createComment(ownerTask.getId(), execution.getProcessInstanceId(),
          "New inquiry joined this lead" + (upward.isPresent() ? " and makes it " + upward.get().get("leadClass") : "") + ": " + summary);
    }
    execution.setVariableLocal("joinedInquiryText", LeadText.fitted(summary));
    execution.setVariableLocal("joinedNeedsReview", newDetails);
    execution.setVariableLocal("joinedReviewAssignee", ownerTask == null ? text(lead, "acceptedBy") : ownerTask.getAssignee());
    execution.setVariableLocal("joinedReviewGroups", reviewGroups == null || reviewGroups.isBlank() ? "office" : reviewGroups);
    notifyOwner(execution, ownerTask, summary, upward.map(routing -> (String) routing.get("leadClass")));
    if (reroute) {
      lead.setVariable("rerouteUpward", true);
    }
  }

  /** The person who holds the lead (else its groups) hears about the inquiry through their own channels. */
  private void notifyOwner(DelegateExecution execution, Task ownerTask, String summary, Optional<String> moreUrgentClass) {
    List<Recipient> to = new ArrayList<>();
    String person = ownerTask != null && ownerTask.getAssignee() != null ? ownerTask.getAssignee() : text(execution, "acceptedBy");
    if (person != null) {
      to.add(Recipient.user(person));
    } else if (ownerTask != null) {
      OwnerTasks.candidateGroups(execution.getProcessEngineServices().getTaskService(), ownerTask).forEach(group -> to.add(Recipient.group(group)));
    }
    notifications.publish(execution, NotificationEvent.JOINED, to, "Same customer got in touch again",
        "Another inquiry joined your lead" + moreUrgentClass.map(c -> " and makes it " + c).orElse("") + ":\n" + summary);
  }

  /**
   * The routing the lead would get with this inquiry's words and active-loss flag added, if that
   * is a more urgent class than it has now. While routing has not happened yet, the words are
   * simply added: routing will read them.
   */
  private Optional<Map<String, Object>> moreUrgentRouting(DelegateExecution lead, LeadInquiry inquiry) {
    Map<String, Object> changes = new HashMap<>();
    if (inquiry.problem() != null) {
      String problem = text(lead, "problem");
      String later = "\n\nLater: " + inquiry.problem();
      String earlier = problem == null ? "" : problem.substring(0, Math.min(problem.length(), Math.max(0, LeadText.VARIABLE_LIMIT - later.length())));
      changes.put("problem", problem == null ? inquiry.problem() : LeadText.fitted(earlier + later));
    }
    if (Boolean.TRUE.equals(inquiry.activeLoss())) {
      changes.put("activeLoss", true);
    }
    var current = LeadClass.named(lead.getVariable("leadClass"));
    if (changes.isEmpty()) {
      return Optional.empty();
    }
    if (current.isEmpty()) {
      changes.forEach(lead::setVariable);
      return Optional.empty();
    }
    var answer = DecisionTables.routingIf(lead, changes)
        .filter(routing -> LeadClass.named(routing.get("leadClass"))
            .map(candidate -> candidate.ordinal() < current.get().ordinal() && candidate != LeadClass.POOR_FIT)
            .orElse(false));
    answer.ifPresent(routing -> changes.forEach(lead::setVariable));
    return answer;
  }

  private static void fillGaps(DelegateExecution lead, LeadInquiry inquiry) {
    Map<String, Object> offered = inquiry.variables();
    for (String name : FILLABLE) {
      if (lead.getVariable(name) == null && offered.get(name) != null) {
        lead.setVariable(name, offered.get(name));
      }
    }
    if (inquiry.contextText() != null) {
      String context = text(lead, "context");
      lead.setVariable("context", LeadText.fitted(context == null ? inquiry.contextText() : context + "\n\n" + inquiry.contextText()));
    }
  }

  private static boolean alreadyKnown(DelegateExecution lead, String problem) {
    String words = problem.toLowerCase(Locale.ROOT).strip();
    for (String known : new String[] {text(lead, "problem"), text(lead, "joinedInquiries")}) {
      if (known != null && known.toLowerCase(Locale.ROOT).contains(words)) {
        return true;
      }
    }
    return false;
  }

  private String describe(LeadInquiry inquiry) {
    List<String> parts = new ArrayList<>();
    Date at = inquiry.capturedAt() == null ? ClockUtil.getCurrentTime() : Date.from(inquiry.capturedAt().toInstant());
    parts.add(text.time(at) + " via " + inquiry.source());
    for (String value : new String[] {inquiry.fullName(), inquiry.phone(), inquiry.email()}) {
      if (value != null) {
        parts.add(value);
      }
    }
    if (Boolean.TRUE.equals(inquiry.activeLoss())) {
      parts.add("ACTIVE LOSS");
    }
    String line = String.join(" · ", parts);
    return inquiry.problem() == null ? line : line + "\n“" + inquiry.problem() + "”";
  }

  private static int count(DelegateExecution lead) {
    Object count = lead.getVariable("joinedInquiryCount");
    return count instanceof Number n ? n.intValue() : 0;
  }
}
