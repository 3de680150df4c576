package com.leadhandoff.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to {@code POST /api/leads}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadReceipt(
    @Schema(description = "The lead's id: the new lead, or the open lead this inquiry joined") String id,
    @Schema(description = "This inquiry's id") String inquiryId,
    @Schema(description = "CREATED: a new lead. JOINED_EXISTING: the same person already had an open lead, which this inquiry joined")
    String status,
    @Schema(description = "Where the lead is now; CAPTURED until routing has run") String stage,
    @Schema(description = "The lead's class once routed") String leadClass,
    @Schema(description = "Where to read the lead's status") String location) {}
