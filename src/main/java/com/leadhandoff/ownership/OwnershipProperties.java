package com.leadhandoff.ownership;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How leads find one accountable person: the capacity of someone who has not set their own, the
 * group that answers when a team's on-call schedule is empty, and where a lead goes after too many
 * declines.
 */
@ConfigurationProperties("lead-handoff.ownership")
public record OwnershipProperties(int defaultCapacity, String onCallFallbackGroup, int declineLimit, String declineFallbackGroup) {

  public OwnershipProperties {
    if (defaultCapacity < 1) {
      throw new IllegalArgumentException("lead-handoff.ownership.default-capacity must be at least 1, got " + defaultCapacity);
    }
    if (declineLimit < 1) {
      throw new IllegalArgumentException("lead-handoff.ownership.decline-limit must be at least 1, got " + declineLimit);
    }
    if (onCallFallbackGroup == null || onCallFallbackGroup.isBlank() || declineFallbackGroup == null || declineFallbackGroup.isBlank()) {
      throw new IllegalArgumentException("lead-handoff.ownership needs on-call-fallback-group and decline-fallback-group");
    }
  }
}
