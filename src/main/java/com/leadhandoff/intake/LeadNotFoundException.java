package com.leadhandoff.intake;

/** No lead has this id. */
public class LeadNotFoundException extends RuntimeException {
  public LeadNotFoundException(String id) {
    super("No lead has the id '" + id + "'");
  }
}
