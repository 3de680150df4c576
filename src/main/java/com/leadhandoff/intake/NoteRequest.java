package com.leadhandoff.intake;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/leads/{id}/notes}. */
public record NoteRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The note; shown to the lead's owner", maxLength = 20000,
        example = "Call transcript: customer says the water is now reaching the hallway") String text,
    @Schema(description = "Who wrote it; defaults to the API account", example = "AI receptionist", maxLength = 200) String author) {}
