package com.leadhandoff.intake;

import java.util.Locale;
import java.util.Optional;
import org.apache.commons.validator.routines.EmailValidator;

/** Email addresses in lower case, checked by Commons Validator (syntax and a known top-level domain). */
public final class EmailAddresses {

  private static final EmailValidator VALIDATOR = EmailValidator.getInstance();

  private EmailAddresses() {}

  /** The address in lower case, or empty if it is not a valid address. */
  public static Optional<String> normalise(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String email = raw.strip().toLowerCase(Locale.ROOT);
    return VALIDATOR.isValid(email) ? Optional.of(email) : Optional.empty();
  }
}
