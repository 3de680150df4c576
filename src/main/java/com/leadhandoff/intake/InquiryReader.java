package com.leadhandoff.intake;

import static com.leadhandoff.intake.RequestText.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadhandoff.intake.LeadInquiry.Address;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Turns the JSON body of {@code POST /api/leads} into a {@link LeadInquiry}, or refuses it with
 * every problem found. Incomplete is fine (intake completes it later); malformed is not: a wrong
 * type, an unknown field, a phone number libphonenumber cannot read, an email that is not one,
 * text that is too long or carries control characters, a capture time in the future, or no
 * contact channel at all.
 */
@Component
public class InquiryReader {

  public static final List<String> SOURCES =
      List.of("call", "web-form", "ai-receptionist", "missed-call", "booking", "referral", "reactivation");
  static final List<String> FIELDS = List.of("source", "externalId", "fullName", "phone", "email", "address",
      "serviceType", "problem", "activeLoss", "estimatedValue", "customerType", "preferredContactWindow",
      "consentToContact", "capturedAt", "capturedBy", "notes", "context");
  private static final List<String> ADDRESS_FIELDS = List.of("line1", "city", "region", "postalCode");
  private static final List<String> CUSTOMER_TYPES = List.of("residential", "commercial");
  private static final Pattern SERVICE_TYPE = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]*");
  private static final Pattern CONTEXT_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");
  private static final BigDecimal MAX_VALUE = new BigDecimal("1000000000");
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final int MAX_CONTEXT_ENTRIES = 20;

  /** Longest text per field, in characters. */
  static final int NAME = 200;
  static final int LINE = 200;
  static final int PROBLEM = 4000;
  static final int LONG_TEXT = 20000;

  private final PhoneNumbers phoneNumbers;

  public InquiryReader(PhoneNumbers phoneNumbers) {
    this.phoneNumbers = phoneNumbers;
  }

  public LeadInquiry read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException("", "the body must be a JSON object with the lead's fields, not "
          + (body == null ? "empty" : describe(body)));
    }
    List<FieldProblem> problems = new ArrayList<>();
    unknownFields((ObjectNode) body, "", FIELDS, problems);

    String source = oneOf(body.get("source"), "source", SOURCES, problems);
    if (source == null && problems.stream().noneMatch(p -> p.field().equals("source"))) {
      problems.add(new FieldProblem("source", "is required: one of " + String.join(", ", SOURCES)));
    }
    String externalId = RequestText.read(body.get("externalId"), "externalId", LINE, false, problems);
    String fullName = RequestText.read(body.get("fullName"), "fullName", NAME, false, problems);
    String phone = phone(body.get("phone"), problems);
    String email = email(body.get("email"), problems);
    if (phone == null && email == null && missing(body.get("phone")) && missing(body.get("email"))) {
      problems.add(new FieldProblem("phone", "at least one contact channel is required: send phone, email or both"));
    }
    Address address = address(body.get("address"), problems);
    String serviceType = serviceType(body.get("serviceType"), problems);
    String problem = RequestText.read(body.get("problem"), "problem", PROBLEM, true, problems);
    Boolean activeLoss = bool(body.get("activeLoss"), "activeLoss", problems);
    Number estimatedValue = amount(body.get("estimatedValue"), problems);
    String customerType = oneOf(body.get("customerType"), "customerType", CUSTOMER_TYPES, problems);
    String window = RequestText.read(body.get("preferredContactWindow"), "preferredContactWindow", LINE, false, problems);
    Boolean consent = bool(body.get("consentToContact"), "consentToContact", problems);
    OffsetDateTime capturedAt = capturedAt(body.get("capturedAt"), problems);
    String capturedBy = RequestText.read(body.get("capturedBy"), "capturedBy", LINE, false, problems);
    String notes = RequestText.read(body.get("notes"), "notes", LONG_TEXT, true, problems);
    Map<String, String> context = context(body.get("context"), problems);

    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new LeadInquiry(source, externalId, fullName, phone, email, address, serviceType, problem, activeLoss,
        estimatedValue, customerType, window, consent, capturedAt, capturedBy, notes, context);
  }

  /** The phone number in E.164, for {@code ?phone=} searches as well as bodies. */
  public String phone(JsonNode node, List<FieldProblem> problems) {
    String raw = RequestText.read(node, "phone", 40, false, problems);
    if (raw == null) {
      return null;
    }
    var e164 = phoneNumbers.toE164(raw);
    if (e164.isEmpty()) {
      problems.add(new FieldProblem("phone", "'" + raw + "' is not a valid phone number: send E.164 such as +15125550142, "
          + "or a national number of the default region " + phoneNumbers.defaultRegion()));
      return null;
    }
    return e164.get();
  }

  public String email(JsonNode node, List<FieldProblem> problems) {
    String raw = RequestText.read(node, "email", 254, false, problems);
    if (raw == null) {
      return null;
    }
    var email = EmailAddresses.normalise(raw);
    if (email.isEmpty()) {
      problems.add(new FieldProblem("email", "'" + raw + "' is not a valid email address (expected name@domain.tld)"));
      return null;
    }
    return email.get();
  }

  private static boolean missing(JsonNode node) {
    return node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank());
  }

  static void unknownFields(ObjectNode object, String prefix, List<String> known, List<FieldProblem> problems) {
    Set<String> unknown = new TreeSet<>();
    object.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        unknown.add(name);
      }
    });
    for (String name : unknown) {
      problems.add(new FieldProblem(prefix + RequestText.printable(name), "is not a field of this request; the fields are "
          + String.join(", ", known) + (prefix.isEmpty() ? " (put anything else into context)" : "")));
    }
  }

  private static String oneOf(JsonNode node, String field, List<String> allowed, List<FieldProblem> problems) {
    String value = RequestText.read(node, field, 40, false, problems);
    if (value == null) {
      return null;
    }
    String normalised = value.toLowerCase(Locale.ROOT);
    if (!allowed.contains(normalised)) {
      problems.add(new FieldProblem(field, "'" + value + "' is not one of " + String.join(", ", allowed)));
      return null;
    }
    return normalised;
  }

  private static Boolean bool(JsonNode node, String field, List<FieldProblem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      problems.add(new FieldProblem(field, "must be true or false (a JSON boolean), not " + describe(node)));
      return null;
    }
    return node.booleanValue();
  }

  private static Number amount(JsonNode node, List<FieldProblem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      problems.add(new FieldProblem("estimatedValue", "must be a JSON number such as 18000 or 2500.50, not " + describe(node)));
      return null;
    }
    BigDecimal value = node.decimalValue();
    if (value.signum() < 0 || value.compareTo(MAX_VALUE) > 0) {
      problems.add(new FieldProblem("estimatedValue", "must be between 0 and " + MAX_VALUE.toPlainString() + ", not " + node.asText()));
      return null;
    }
    return value.stripTrailingZeros().scale() <= 0 ? (Number) value.longValue() : (Number) value.doubleValue();
  }

  private static String serviceType(JsonNode node, List<FieldProblem> problems) {
    String value = RequestText.read(node, "serviceType", 60, false, problems);
    if (value == null) {
      return null;
    }
    String slug = value.toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
    if (!SERVICE_TYPE.matcher(slug).matches()) {
      problems.add(new FieldProblem("serviceType", "'" + value + "' is not a service type: use letters, digits and hyphens, "
          + "as in plumbing or drain-cleaning"));
      return null;
    }
    return slug;
  }

  private static Address address(JsonNode node, List<FieldProblem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(new FieldProblem("address", "must be an object with " + String.join(", ", ADDRESS_FIELDS) + ", not " + describe(node)));
      return null;
    }
    unknownFields((ObjectNode) node, "address.", ADDRESS_FIELDS, problems);
    String line1 = RequestText.read(node.get("line1"), "address.line1", LINE, false, problems);
    String city = RequestText.read(node.get("city"), "address.city", 100, false, problems);
    String region = RequestText.read(node.get("region"), "address.region", 100, false, problems);
    String postalCode = RequestText.read(node.get("postalCode"), "address.postalCode", 12, false, problems);
    if (postalCode != null && !POSTAL_CODE.matcher(postalCode).matches()) {
      problems.add(new FieldProblem("address.postalCode", "'" + postalCode + "' is not a postal code: letters, digits, spaces and hyphens only"));
      postalCode = null;
    }
    if (line1 == null && city == null && region == null && postalCode == null) {
      return null;
    }
    return new Address(line1, city, region, postalCode == null ? null : postalCode.toUpperCase(Locale.ROOT));
  }

  private static OffsetDateTime capturedAt(JsonNode node, List<FieldProblem> problems) {
    String value = RequestText.read(node, "capturedAt", 40, false, problems);
    if (value == null) {
      return null;
    }
    OffsetDateTime time;
    try {
      time = OffsetDateTime.parse(value);
    } catch (DateTimeParseException notIso) {
      problems.add(new FieldProblem("capturedAt", "'" + value + "' is not an ISO-8601 time with an offset, such as "
          + "2026-11-24T10:15:00-06:00 or 2026-11-24T16:15:00Z"));
      return null;
    }
    Instant latest = ClockUtil.getCurrentTime().toInstant().plus(CLOCK_SKEW);
    if (time.toInstant().isAfter(latest)) {
      problems.add(new FieldProblem("capturedAt", "'" + value + "' is in the future; send the time the inquiry was captured"));
      return null;
    }
    return time;
  }

  private static Map<String, String> context(JsonNode node, List<FieldProblem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(new FieldProblem("context", "must be an object of named texts, such as {\"transcript\": \"...\", \"campaign\": \"...\"}, not " + describe(node)));
      return null;
    }
    if (node.size() > MAX_CONTEXT_ENTRIES) {
      problems.add(new FieldProblem("context", "has " + node.size() + " entries; at most " + MAX_CONTEXT_ENTRIES + " are allowed"));
      return null;
    }
    Map<String, String> context = new LinkedHashMap<>();
    node.fields().forEachRemaining(entry -> {
      String key = entry.getKey();
      if (!CONTEXT_KEY.matcher(key).matches()) {
        problems.add(new FieldProblem("context." + RequestText.printable(key),
            "is not a usable name: start with a letter, then letters, digits, _ or -, at most 40 characters"));
        return;
      }
      String value = RequestText.read(entry.getValue(), "context." + key, LONG_TEXT, true, problems);
      if (value != null) {
        context.put(key, value);
      }
    });
    return context.isEmpty() ? null : context;
  }
}
