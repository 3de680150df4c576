package com.leadhandoff.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadhandoff.intake.LeadStore.Inquiry;
import com.leadhandoff.intake.LeadStore.Lead;
import com.leadhandoff.lead.LeadText;
import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Captures inquiries from source systems. Each request is one short transaction that either
 * replays the answer already given for this source and externalId, joins the open lead of the
 * same person (same E.164 phone or email), or starts a new lead. The database decides races:
 * a unique key on (source, externalId) and a primary key per contact channel of an open lead;
 * the loser of a race is rolled back and run again, and then finds the winner's lead. A joining
 * inquiry only hands the lead a message here; the lead works it in a job of its own, one at a
 * time, so a burst of joins never races the lead's own steps.
 */
@Service
public class LeadIntake {

  public static final String PROCESS = "lead-handoff";
  public static final String JOIN_MESSAGE = "lead-inquiry-joined";

  public enum Status { CREATED, JOINED_EXISTING }

  /** The answer to one inquiry; {@code replayed} when it repeats an earlier answer. */
  public record Receipt(String leadId, String inquiryId, Status status, boolean replayed) {}

  private final LeadStore store;
  private final Retries retries;
  private final RuntimeService runtimeService;
  private final Timeline timeline;
  private final ObjectMapper json;
  private final TaskService taskService;
  private final LeadText text;

  public LeadIntake(LeadStore store, Retries retries, RuntimeService runtimeService, TaskService taskService,
      Timeline timeline, ObjectMapper json, LeadText text) {
    this.store = store;
    this.retries = retries;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.timeline = timeline;
    this.json = json;
    this.text = text;
  }

  public Receipt capture(LeadInquiry inquiry, String caller) {
    LeadInquiry recorded = inquiry.capturedBy() != null ? inquiry : inquiry.capturedBy(caller);
    return retries.inTransaction(() -> captureOnce(recorded, caller));
  }

  private Receipt captureOnce(LeadInquiry inquiry, String caller) {
    if (inquiry.externalId() != null) {
      Optional<Inquiry> earlier = store.inquiry(inquiry.source(), inquiry.externalId());
      if (earlier.isPresent()) {
        return new Receipt(earlier.get().leadId(), earlier.get().id(), Status.valueOf(earlier.get().status()), true);
      }
    }
    Optional<String> openLead = store.lockOpenLead(inquiry.contactKeys());
    if (openLead.isPresent()) {
      Lead lead = store.lead(openLead.get()).orElseThrow();
      if (runtimeService.createProcessInstanceQuery().processInstanceId(lead.processInstanceId()).count() > 0) {
        return join(lead, inquiry, caller);
      }
      // Its process ended without closing it (deleted skipping listeners): free the person's channels.
      store.close(lead.processInstanceId(), "ENDED", Timeline.now());
    }
    return create(inquiry, caller, null);
  }

  private Receipt create(LeadInquiry inquiry, String caller, String splitFrom) {
    String leadId = UUID.randomUUID().toString();
    Map<String, Object> variables = inquiry.variables();
    variables.put("leadId", leadId);
    var instance = runtimeService.startProcessInstanceByKey(PROCESS, leadId, variables);
    OffsetDateTime now = Timeline.now();
    OffsetDateTime capturedAt = inquiry.capturedAt() == null ? now : inquiry.capturedAt();
    store.insertLead(new Lead(leadId, instance.getId(), inquiry.source(), inquiry.externalId(), capturedAt, splitFrom, null, null));
    String inquiryId = UUID.randomUUID().toString();
    if (splitFrom == null) {
      store.insertInquiry(new Inquiry(inquiryId, leadId, inquiry.source(), inquiry.externalId(), Status.CREATED.name(), now, caller, toJson(inquiry)));
      store.claimContacts(leadId, inquiry.contactKeys());
    }
    timeline.record(instance.getId(), Kind.CAPTURED, "Captured from " + inquiry.source() + describe(inquiry), caller);
    return new Receipt(leadId, inquiryId, Status.CREATED, false);
  }

  private Receipt join(Lead lead, LeadInquiry inquiry, String caller) {
    String inquiryId = UUID.randomUUID().toString();
    store.insertInquiry(new Inquiry(inquiryId, lead.id(), inquiry.source(), inquiry.externalId(), Status.JOINED_EXISTING.name(),
        Timeline.now(), caller, toJson(inquiry)));
    store.claimFreeContacts(lead.id(), inquiry.contactKeys());
    runtimeService.createMessageCorrelation(JOIN_MESSAGE)
        .processInstanceId(lead.processInstanceId())
        .setVariableToTriggeredScope("joinedInquiryId", inquiryId)
        .correlateWithResult();
    return new Receipt(lead.id(), inquiryId, Status.JOINED_EXISTING, false);
  }

  /**
   * Starts a lead of its own for a joined inquiry that turned out to be a different job. Runs
   * inside the step that asked for it. The new lead does not claim the person's phone or email:
   * further inquiries keep joining the lead they first joined, whose owner can split again.
   */
  public String split(String inquiryId, String splitBy) {
    Inquiry joined = store.inquiry(inquiryId).orElseThrow(() -> new IllegalStateException("No inquiry " + inquiryId));
    LeadInquiry inquiry = fromJson(joined.payload());
    Receipt receipt = create(inquiry, splitBy, joined.leadId());
    timeline.record(store.lead(receipt.leadId()).orElseThrow().processInstanceId(), Kind.SPLIT,
        "Split from lead " + joined.leadId() + " as a different job", splitBy);
    return receipt.leadId();
  }

  /**
   * Adds a source system's note to an open lead: appended to the notes staff read on the form,
   * put on the timeline, and left as a comment on the owner's task. The task is held while the
   * note goes on it: a lead that moved on meanwhile (a level climbed on another node) runs the
   * note again, onto the task that holds the lead now.
   */
  public Timeline.Entry addNote(String leadId, String note, String author) {
    return retries.inTransaction(() -> {
      Lead lead = store.lead(leadId).orElseThrow(() -> new LeadNotFoundException(leadId));
      String processInstanceId = lead.processInstanceId();
      if (!lead.open() || runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
        throw new LeadClosedException(leadId, lead.outcome() == null ? "ended" : lead.outcome());
      }
      Task task = OwnerTasks.mainTask(taskService, processInstanceId);
      if (task != null && !store.holdTask(task.getId())) {
        throw new OptimisticLockingException("Lead " + leadId + " moved on to another task while the note was added");
      }
      OffsetDateTime now = Timeline.now();
      String stamped = "[" + text.time(Date.from(now.toInstant())) + " · " + author + "] " + note;
      Object notes = runtimeService.getVariable(processInstanceId, "notes");
      runtimeService.setVariable(processInstanceId, "notes", LeadText.fittedKeepingEnd(notes == null ? stamped : notes + "\n\n" + stamped));
      if (task != null) {
        taskService.createComment(task.getId(), processInstanceId, "Note from " + author + ": " + note);
      }
      timeline.record(processInstanceId, Kind.NOTE, note, author);
      return new Timeline.Entry(now, Kind.NOTE, note, author);
    });
  }

  public LeadInquiry inquiry(String inquiryId) {
    return fromJson(store.inquiry(inquiryId).orElseThrow(() -> new IllegalStateException("No inquiry " + inquiryId)).payload());
  }

  private static String describe(LeadInquiry inquiry) {
    String who = inquiry.fullName() != null ? inquiry.fullName() : inquiry.phone() != null ? inquiry.phone() : inquiry.email();
    String what = inquiry.problem() == null ? "" : ": " + LeadText.summary(inquiry.problem());
    return " (" + who + ")" + what;
  }

  private String toJson(LeadInquiry inquiry) {
    try {
      return json.writeValueAsString(inquiry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot store the inquiry", e);
    }
  }

  private LeadInquiry fromJson(String payload) {
    try {
      return json.readValue(payload, LeadInquiry.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read the stored inquiry", e);
    }
  }
}
