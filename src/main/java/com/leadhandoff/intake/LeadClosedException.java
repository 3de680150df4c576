package com.leadhandoff.intake;

/** The lead's handoff is over; it takes no more notes. */
public class LeadClosedException extends RuntimeException {
  public LeadClosedException(String id, String outcome) {
    super("Lead " + id + " is closed (" + outcome + "); post a new lead instead");
  }
}
