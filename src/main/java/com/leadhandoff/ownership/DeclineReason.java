package com.leadhandoff.ownership;

import java.util.Arrays;
import java.util.Optional;

/** Why an owner declines a lead: the list the accept form offers, as reported in the decline report. */
public enum DeclineReason {
  OUTSIDE_SKILLS("outside-skills", "Outside my skills or licence"),
  NO_CAPACITY("no-capacity", "No capacity in the time the customer needs"),
  UNAVAILABLE("unavailable", "Off shift, sick or otherwise unavailable"),
  CONFLICT("conflict", "Conflict of interest"),
  WRONG_CLASS("wrong-class", "Wrong class or team for this lead"),
  OTHER("other", "Other (say why)");

  /** The most characters of free text a decline keeps. */
  public static final int MAX_WORDS = 1000;

  private final String code;
  private final String label;

  DeclineReason(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public static Optional<DeclineReason> coded(Object code) {
    return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
  }
}
