package com.leadhandoff.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The leads the benchmarks send: a standard drain-cleaning job from a website, each with its own
 * external id, phone and email (so no two join), as the intake API takes it and, with the same
 * process variables the API hands the engine, as a plain engine-rest start.
 */
final class Leads {

  static final String PROCESS = "lead-handoff";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong NUMBERS = new AtomicLong();

  private Leads() {
  }

  /** A unique number per lead of this whole benchmark run. */
  static long next() {
    return NUMBERS.incrementAndGet();
  }

  /** Reserves this many numbers and returns the first: the lead numbers are {@code first} to {@code first + count - 1}. */
  static long reserve(int count) {
    return NUMBERS.getAndAdd(count) + 1;
  }

  private static Map<String, String> fields(long n) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("source", "web-form");
    fields.put("externalId", "bench-" + n);
    fields.put("fullName", "Bench Lead " + n);
    fields.put("phone", String.format("+1512%07d", 2_000_000 + n));
    fields.put("email", "lead-" + n + "@example.com");
    fields.put("serviceType", "drain-cleaning");
    fields.put("problem", "Slow drain in the tub, getting worse for a week");
    return fields;
  }

  /** The body of {@code POST /api/leads}. */
  static String apiBody(long n) throws Exception {
    Map<String, Object> lead = new LinkedHashMap<>(fields(n));
    lead.put("address", Map.of("line1", n + " Main Street", "postalCode", "78704"));
    lead.put("consentToContact", true);
    return JSON.writeValueAsString(lead);
  }

  /** The body of engine-rest's start, with every variable the intake API would set. */
  static String engineRestBody(long n, String caller) throws Exception {
    Map<String, Object> variables = new LinkedHashMap<>();
    fields(n).forEach((name, value) -> variables.put(name, typed(value, "String")));
    variables.put("addressLine1", typed(n + " Main Street", "String"));
    variables.put("postalCode", typed("78704", "String"));
    variables.put("consentToContact", typed(true, "Boolean"));
    variables.put("capturedBy", typed(caller, "String"));
    String leadId = UUID.randomUUID().toString();
    variables.put("leadId", typed(leadId, "String"));
    return JSON.writeValueAsString(Map.of("businessKey", leadId, "variables", variables));
  }

  private static Map<String, Object> typed(Object value, String type) {
    return Map.of("value", value, "type", type);
  }
}
