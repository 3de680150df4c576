package com.leadhandoff.demo;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Demo logins and whether to seed demo leads; set only in the default (demo) profile. */
@ConfigurationProperties("lead-handoff.demo")
public record DemoProperties(boolean leads, List<DemoUser> users) {

  public DemoProperties {
    users = users == null ? List.of() : users;
  }

  public record DemoUser(String id, String firstName, String lastName, String password, List<String> groups) {}
}
