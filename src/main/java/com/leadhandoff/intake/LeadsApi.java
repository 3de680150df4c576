package com.leadhandoff.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.leadhandoff.intake.LeadIntake.Receipt;
import com.leadhandoff.lead.Timeline;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The intake API for websites, phone systems, AI receptionists and booking widgets. Bodies are
 * read by hand ({@link JsonBody}, {@link InquiryReader}) so a bad request is answered with all
 * its problems at once, as {@code application/problem+json}.
 */
@RestController
@RequestMapping(path = "/api/leads", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Leads", description = "Capture leads from any source, find them, follow them")
@SecurityRequirement(name = "basic")
public class LeadsApi {

  /** The request attribute holding the authenticated caller's user id. */
  public static final String CALLER = "lead-handoff.caller";
  static final String REPLAYED = "Idempotent-Replayed";

  private final JsonBody jsonBody;
  private final InquiryReader reader;
  private final LeadIntake intake;
  private final LeadStatusReader statuses;
  private final LeadStore store;

  public LeadsApi(JsonBody jsonBody, InquiryReader reader, LeadIntake intake, LeadStatusReader statuses, LeadStore store) {
    this.jsonBody = jsonBody;
    this.reader = reader;
    this.intake = intake;
    this.statuses = statuses;
    this.store = store;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Capture a lead",
      description = "201 with a new lead; 200 with the same body when this source + externalId was posted before "
          + "(header Idempotent-Replayed: true); 200 with status JOINED_EXISTING when the same phone or email already has an open lead.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = LeadRequest.class))),
      responses = {
          @ApiResponse(responseCode = "201", description = "A new lead", content = @Content(schema = @Schema(implementation = LeadReceipt.class))),
          @ApiResponse(responseCode = "200", description = "A replay, or joined to the person's open lead"),
          @ApiResponse(responseCode = "400", description = "Malformed: every bad field is listed; nothing was saved",
              content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
          @ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content),
          @ApiResponse(responseCode = "413", description = "Body too large", content = @Content),
          @ApiResponse(responseCode = "415", description = "Not application/json", content = @Content)})
  public ResponseEntity<LeadReceipt> capture(HttpServletRequest request, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    LeadInquiry inquiry = reader.read(jsonBody.read(request));
    Receipt receipt = intake.capture(inquiry, caller);
    URI location = URI.create("/api/leads/" + receipt.leadId());
    LeadReceipt body;
    if (receipt.status() == LeadIntake.Status.CREATED && !receipt.replayed()) {
      body = new LeadReceipt(receipt.leadId(), receipt.inquiryId(), receipt.status().name(), "CAPTURED", null, location.toString());
      return ResponseEntity.created(location).body(body);
    }
    var status = statuses.summary(receipt.leadId()).orElseThrow(() -> new LeadNotFoundException(receipt.leadId()));
    body = new LeadReceipt(receipt.leadId(), receipt.inquiryId(), receipt.status().name(), status.stage(), status.leadClass(), location.toString());
    var response = ResponseEntity.status(HttpStatus.OK).location(location);
    if (receipt.replayed()) {
      response.header(REPLAYED, "true");
    }
    return response.body(body);
  }

  @GetMapping("/{id}")
  @Operation(summary = "A lead's stage, class, owner, due time, SLA state and timeline")
  public LeadStatus lead(@PathVariable String id) {
    return statuses.status(id).orElseThrow(() -> new LeadNotFoundException(id));
  }

  @GetMapping
  @Operation(summary = "Open leads of a person, by phone or email (for a CRM screen-pop)")
  public List<LeadStatus> openLeads(@RequestParam(required = false) String phone, @RequestParam(required = false) String email) {
    List<FieldProblem> problems = new ArrayList<>();
    String e164 = reader.phone(phone == null ? null : TextNode.valueOf(phone), problems);
    String address = reader.email(email == null ? null : TextNode.valueOf(email), problems);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    if (e164 == null && address == null) {
      throw new InvalidRequestException("phone", "give ?phone= or ?email= (or both) to find open leads");
    }
    return store.openLeadIds(LeadInquiry.contactKeys(e164, address)).stream()
        .flatMap(id -> statuses.summary(id).stream())
        .toList();
  }

  @PostMapping(path = "/{id}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Add context to an open lead later (a transcript, a callback note)",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = NoteRequest.class))),
      responses = {
          @ApiResponse(responseCode = "201", description = "The note, as it appears on the timeline"),
          @ApiResponse(responseCode = "404", description = "No such lead", content = @Content),
          @ApiResponse(responseCode = "409", description = "The lead is closed", content = @Content)})
  public ResponseEntity<Timeline.Entry> addNote(@PathVariable String id, HttpServletRequest request,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    JsonNode body = jsonBody.read(request);
    List<FieldProblem> problems = new ArrayList<>();
    if (!body.isObject()) {
      throw new InvalidRequestException("", "the body must be a JSON object such as {\"text\": \"...\"}");
    }
    InquiryReader.unknownFields((ObjectNode) body, "", List.of("text", "author"), problems);
    String text = RequestText.read(body.get("text"), "text", InquiryReader.LONG_TEXT, true, problems);
    String author = RequestText.read(body.get("author"), "author", InquiryReader.LINE, false, problems);
    if (text == null && problems.stream().noneMatch(p -> p.field().equals("text"))) {
      problems.add(new FieldProblem("text", "is required: the note to add"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    var entry = intake.addNote(id, text, author == null ? caller : author);
    return ResponseEntity.status(HttpStatus.CREATED).body(entry);
  }
}
