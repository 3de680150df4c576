package com.leadhandoff.notify;

/** A person (by user id) or a team (by group id) to tell. */
public record Recipient(Kind kind, String id) {

  public enum Kind { USER, GROUP }

  public static Recipient user(String userId) {
    return new Recipient(Kind.USER, userId);
  }

  public static Recipient group(String groupId) {
    return new Recipient(Kind.GROUP, groupId);
  }
}
