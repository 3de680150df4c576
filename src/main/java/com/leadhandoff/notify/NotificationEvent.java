package com.leadhandoff.notify;

import java.util.Arrays;
import java.util.Optional;

/** What people are told about; a channel may subscribe to some of these or to all. */
public enum NotificationEvent {
  ASSIGNED("A lead was given to you"),
  REMINDER("A lead you own or supervise is waiting past its time"),
  REASSIGNED("A lead moved to you: escalated or declined by someone else"),
  JOINED("Another inquiry joined a lead you own"),
  MISSED_COMMITMENT("A promised first contact was missed");

  private final String description;

  NotificationEvent(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  public static Optional<NotificationEvent> named(String name) {
    return Arrays.stream(values()).filter(e -> e.name().equalsIgnoreCase(name == null ? "" : name.strip())).findFirst();
  }
}
