package com.leadhandoff.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where notifications come from and link to: the sender address of emails, the Tasklist address
 * people open from a message, how long a webhook may take to answer, and whether webhooks may
 * point at private or local addresses (only for a demo or a closed network).
 */
@ConfigurationProperties("lead-handoff.notifications")
public record NotificationProperties(String from, String tasklistUrl, Duration webhookTimeout, boolean allowPrivateWebhooks) {

  public NotificationProperties {
    if (from == null || from.isBlank() || tasklistUrl == null || tasklistUrl.isBlank() || webhookTimeout == null || webhookTimeout.isNegative()) {
      throw new IllegalArgumentException("lead-handoff.notifications needs from, tasklist-url and a positive webhook-timeout");
    }
  }
}
