package com.leadhandoff.intake;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The body of {@code POST /api/leads}, for the OpenAPI document. Requests are read by
 * {@link InquiryReader}, which reports every problem at once rather than the first one.
 */
@Schema(description = "An inquiry from any source. Only source and one contact channel are required: intake completes the rest.")
public record LeadRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"call", "web-form", "ai-receptionist", "missed-call",
        "booking", "referral", "reactivation"}) String source,
    @Schema(description = "The source's own id for this inquiry; posting it again returns the same lead", example = "form-8841", maxLength = 200)
    String externalId,
    @Schema(example = "Maria Lopez", maxLength = 200) String fullName,
    @Schema(description = "Any format libphonenumber reads; national numbers use the configured default region. Stored as E.164.",
        example = "(512) 555-0199") String phone,
    @Schema(description = "Stored in lower case", example = "maria.lopez@example.com", maxLength = 254) String email,
    Address address,
    @Schema(description = "Letters, digits and hyphens; spaces become hyphens", example = "plumbing", maxLength = 60) String serviceType,
    @Schema(description = "The problem in the customer's own words", example = "Burst pipe under the kitchen sink", maxLength = 4000)
    String problem,
    @Schema(description = "Damage is happening right now (water on the floor, no heat in freezing weather)") Boolean activeLoss,
    @Schema(description = "Estimated job value in the business's currency", example = "18000", minimum = "0") Number estimatedValue,
    @Schema(allowableValues = {"residential", "commercial"}) String customerType,
    @Schema(example = "weekdays after 4pm", maxLength = 200) String preferredContactWindow,
    Boolean consentToContact,
    @Schema(description = "ISO-8601 with an offset; defaults to now", example = "2026-11-24T10:15:00-06:00") String capturedAt,
    @Schema(description = "Who or what took the inquiry; defaults to the API account", example = "AI receptionist", maxLength = 200)
    String capturedBy,
    @Schema(maxLength = 20000) String notes,
    @Schema(description = "Up to 20 named texts: transcript, form page, campaign…", example = "{\"transcript\": \"Caller: water is everywhere…\", \"campaign\": \"google-ads-plumbing\"}")
    Map<String, String> context) {

  public record Address(
      @Schema(example = "2207 E 6th St") String line1,
      @Schema(example = "Austin") String city,
      @Schema(example = "TX") String region,
      @Schema(example = "78702") String postalCode) {}
}
