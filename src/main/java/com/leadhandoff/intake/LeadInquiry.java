package com.leadhandoff.intake;

import com.leadhandoff.lead.LeadText;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One inquiry as a source system sent it, already validated and normalised (trimmed, E.164 phone,
 * lower-case email). Absent fields are null. Kept as JSON on the inquiry row, so a joined inquiry
 * can later be split into a lead of its own exactly as it arrived, and the full text of a long
 * transcript survives even where the process variable shows only its first 4000 characters.
 */
public record LeadInquiry(
    String source,
    String externalId,
    String fullName,
    String phone,
    String email,
    Address address,
    String serviceType,
    String problem,
    Boolean activeLoss,
    Number estimatedValue,
    String customerType,
    String preferredContactWindow,
    Boolean consentToContact,
    OffsetDateTime capturedAt,
    String capturedBy,
    String notes,
    Map<String, String> context) {

  public record Address(String line1, String city, String region, String postalCode) {}

  /** The same inquiry, taken by someone else (the API account, when the source did not say). */
  public LeadInquiry capturedBy(String by) {
    return new LeadInquiry(source, externalId, fullName, phone, email, address, serviceType, problem, activeLoss, estimatedValue,
        customerType, preferredContactWindow, consentToContact, capturedAt, by, notes, context);
  }

  /** The keys under which this person's open lead is found: one per contact channel, sorted. */
  public List<String> contactKeys() {
    return contactKeys(phone, email);
  }

  /** The keys for a phone number in E.164 and a lower-case email, either of which may be null; sorted. */
  public static List<String> contactKeys(String phone, String email) {
    List<String> keys = new ArrayList<>();
    if (email != null) {
      keys.add("email:" + email);
    }
    if (phone != null) {
      keys.add("phone:" + phone);
    }
    return keys;
  }

  /** The lead's process variables: the same names the forms show, the address flattened. */
  public Map<String, Object> variables() {
    Map<String, Object> variables = new HashMap<>();
    put(variables, "source", source);
    put(variables, "externalId", externalId);
    put(variables, "fullName", fullName);
    put(variables, "phone", phone);
    put(variables, "email", email);
    if (address != null) {
      put(variables, "addressLine1", address.line1());
      put(variables, "city", address.city());
      put(variables, "region", address.region());
      put(variables, "postalCode", address.postalCode());
    }
    put(variables, "serviceType", serviceType);
    put(variables, "problem", problem);
    put(variables, "activeLoss", activeLoss);
    put(variables, "estimatedValue", estimatedValue);
    put(variables, "customerType", customerType);
    put(variables, "preferredContactWindow", preferredContactWindow);
    put(variables, "consentToContact", consentToContact);
    put(variables, "capturedAt", capturedAt == null ? null : Date.from(capturedAt.toInstant()));
    put(variables, "capturedBy", capturedBy);
    put(variables, "notes", LeadText.fitted(notes));
    put(variables, "context", LeadText.fitted(contextText()));
    return variables;
  }

  /** The context as "name: text" paragraphs, the way staff read it on the forms. */
  public String contextText() {
    if (context == null || context.isEmpty()) {
      return null;
    }
    return new LinkedHashMap<>(context).entrySet().stream()
        .map(entry -> entry.getKey() + ": " + entry.getValue())
        .collect(Collectors.joining("\n\n"));
  }

  private static void put(Map<String, Object> variables, String name, Object value) {
    if (value != null) {
      variables.put(name, value);
    }
  }
}
