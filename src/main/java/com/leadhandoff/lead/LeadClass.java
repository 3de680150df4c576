package com.leadhandoff.lead;

import java.util.Arrays;
import java.util.Optional;

/** The classes routing sorts leads into; POOR_FIT can only be set by routing, never chosen by hand. */
public enum LeadClass {
  EMERGENCY,
  PREMIUM,
  STANDARD,
  POOR_FIT;

  /** The classes an office manager may put a lead into by hand. */
  public static Optional<LeadClass> chosenByHand(Object value) {
    return Arrays.stream(values())
        .filter(c -> c != POOR_FIT && c.name().equals(value))
        .findFirst();
  }
}
