package com.leadhandoff.intake;

import static com.leadhandoff.lead.LeadVariables.isTrue;
import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.escalation.DueDates;
import com.leadhandoff.lead.LeadText;
import com.leadhandoff.routing.DecisionTables;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks the SOP's required record fields and says, in words intake staff understand, what is
 * missing. Normalises what it can on the way: trimmed text, lower-case email, E.164 phone.
 */
@Component("checkLeadRecord")
public class CheckLeadRecord implements JavaDelegate {

  static final Set<String> SOURCES =
      Set.of("call", "web-form", "ai-receptionist", "missed-call", "booking", "referral", "reactivation");
  private static final Set<String> URGENT = Set.of("EMERGENCY", "ACTIVE_LOSS");

  private final PhoneNumbers phoneNumbers;
  private final DueDates dueDates;
  private final LeadText leadText;

  public CheckLeadRecord(PhoneNumbers phoneNumbers, DueDates dueDates, LeadText leadText) {
    this.phoneNumbers = phoneNumbers;
    this.dueDates = dueDates;
    this.leadText = leadText;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> missing = new ArrayList<>();
    for (String field : List.of("fullName", "addressLine1", "city", "region", "postalCode", "serviceType",
        "problem", "source", "capturedBy", "preferredContactWindow", "notes", "context")) {
      execution.setVariable(field, text(execution, field));
    }
    if (text(execution, "fullName") == null) {
      missing.add("Full name");
    }
    String phone = checkPhone(execution, missing);
    String email = checkEmail(execution, missing);
    if (phone == null && email == null) {
      missing.add("Phone or email");
    }
    if (phone == null && looksUrgent(execution)) {
      missing.add("Phone (required for emergencies)");
    }
    if (text(execution, "addressLine1") == null && text(execution, "postalCode") == null) {
      missing.add("Service address or postal code");
    }
    if (text(execution, "serviceType") == null) {
      missing.add("Service type");
    }
    if (text(execution, "problem") == null) {
      missing.add("Problem in the customer's words");
    }
    String source = text(execution, "source");
    if (source == null || !SOURCES.contains(source)) {
      missing.add("Source channel (one of " + String.join(", ", SOURCES.stream().sorted().toList()) + ")");
    }
    if (execution.getVariable("capturedAt") == null) {
      execution.setVariable("capturedAt", Date.from(dueDates.now()));
    }
    if (text(execution, "capturedBy") == null) {
      missing.add("Captured by");
    }
    if (!isTrue(execution, "consentToContact")) {
      missing.add("Consent to contact");
    }
    execution.setVariable("capturedAtText", leadText.time(capturedAt(execution)));
    execution.setVariable("recordComplete", missing.isEmpty());
    execution.setVariable("missingFields", missing.isEmpty() ? null : String.join(", ", missing));
  }

  private String checkPhone(DelegateExecution execution, List<String> missing) {
    String raw = text(execution, "phone");
    if (raw == null) {
      return null;
    }
    var e164 = phoneNumbers.toE164(raw);
    if (e164.isEmpty()) {
      missing.add("Phone (" + raw + " is not a valid number)");
      return null;
    }
    execution.setVariable("phone", e164.get());
    return e164.get();
  }

  private String checkEmail(DelegateExecution execution, List<String> missing) {
    String raw = text(execution, "email");
    if (raw == null) {
      return null;
    }
    var email = EmailAddresses.normalise(raw);
    if (email.isEmpty()) {
      missing.add("Email (" + raw + " is not a valid address)");
      return null;
    }
    execution.setVariable("email", email.get());
    return email.get();
  }

  /**
   * The same urgency table routing uses decides whether a phone number is mandatory. If that table
   * fails, intake is not blocked: routing will fail too and hand the lead to the office manager.
   */
  private static boolean looksUrgent(DelegateExecution execution) {
    return DecisionTables.answer(execution, "lead-urgency")
        .map(answer -> URGENT.contains(answer.get("urgency")))
        .orElse(false);
  }

  private static Date capturedAt(DelegateExecution execution) {
    Object value = execution.getVariable("capturedAt");
    return value instanceof Date date ? date : null;
  }
}
