package com.leadhandoff.demo;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo logins and whether to seed demo leads (and, before them, two weeks of worked leads for the
 * insights); set only in the default (demo) profile.
 */
@ConfigurationProperties("lead-handoff.demo")
public record DemoProperties(boolean leads, boolean history, List<DemoUser> users, Mailbox mailbox) {

  public DemoProperties {
    users = users == null ? List.of() : users;
    mailbox = mailbox == null ? new Mailbox(false, 3025) : mailbox;
  }

  /** The demo's own SMTP server and webhook receiver, so notifications can be seen without real ones. */
  public record Mailbox(boolean enabled, int smtpPort) {}

  public record DemoUser(String id, String firstName, String lastName, String password, List<String> groups) {}
}
