package com.leadhandoff.intake;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Phone numbers in E.164 (+15125550142), so the same caller is recognised however the number was typed. */
@Component
public class PhoneNumbers {

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  public PhoneNumbers(IntakeProperties properties) {
    this.defaultRegion = properties.defaultRegion();
  }

  public String defaultRegion() {
    return defaultRegion;
  }

  /** The number in E.164, or empty if it is not a valid number. */
  public Optional<String> toE164(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      var number = util.parse(raw, defaultRegion);
      return util.isValidNumber(number) ? Optional.of(util.format(number, PhoneNumberFormat.E164)) : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
