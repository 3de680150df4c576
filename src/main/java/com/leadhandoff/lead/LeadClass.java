package com.leadhandoff.lead;

import java.util.Arrays;
import java.util.Optional;

/** The classes routing sorts leads into; POOR_FIT can only be set by routing, never chosen by hand. */
public enum LeadClass {
  EMERGENCY,
  PREMIUM,
  STANDARD,
  POOR_FIT;

  /** The class with this name, if it is one. */
  public static Optional<LeadClass> named(Object value) {
    return Arrays.stream(values()).filter(c -> c.name().equals(value)).findFirst();
  }

  /** The classes an office manager may put a lead into by hand. */
  public static Optional<LeadClass> chosenByHand(Object value) {
    return named(value).filter(c -> c != POOR_FIT);
  }
}
