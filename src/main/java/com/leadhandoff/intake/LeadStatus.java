package com.leadhandoff.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.leadhandoff.lead.Timeline;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;

/** Where a lead stands, as {@code GET /api/leads/{id}} reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadStatus(
    @Schema(description = "The lead's id") String id,
    @Schema(description = "OPEN until the handoff closes, then CLOSED") String state,
    @Schema(description = "CAPTURED, INTAKE_INCOMPLETE, ROUTING_BY_HAND, POOR_FIT_REVIEW, AWAITING_ACCEPTANCE, ESCALATED, "
        + "AWAITING_FIRST_CONTACT or CLOSED") String stage,
    @Schema(description = "How it closed: BOOKED, FOLLOW_UP_SCHEDULED, DECLINED_WITH_REFERRAL, NOT_A_FIT, UNREACHABLE, CANCELLED")
    String outcome,
    @Schema(description = "EMERGENCY, PREMIUM, STANDARD or POOR_FIT, once routed") String leadClass,
    String routingReason,
    Owner owner,
    @Schema(description = "When the current step is due") OffsetDateTime due,
    @Schema(description = "ON_TRACK, WATCH, ESCALATED or MISSED_COMMITMENT") String slaState,
    String source,
    String externalId,
    String fullName,
    String phone,
    String email,
    String problem,
    OffsetDateTime capturedAt,
    @Schema(description = "Inquiries received for this lead: the first and each one that joined it") Integer inquiries,
    @Schema(description = "The lead this one was split from, if any") String splitFrom,
    List<Timeline.Entry> timeline) {

  /** Who answers for the lead now: the group whose queue it is in, and the person if one has it. */
  public record Owner(String group, String person) {}
}
