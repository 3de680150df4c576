package com.leadhandoff.intake;

/** One thing wrong with a request: the field (a JSON path such as {@code address.postalCode}) and what to do about it. */
public record FieldProblem(String field, String message) {}
