package com.leadhandoff.demo;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** One demo login per team, so each role's Tasklist can be tried; users that exist are left alone. */
@Component
public class DemoUsers {

  private final DemoProperties demo;
  private final IdentityService identityService;

  public DemoUsers(DemoProperties demo, IdentityService identityService) {
    this.demo = demo;
    this.identityService = identityService;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(2)
  public void createDemoUsers() {
    for (var demoUser : demo.users()) {
      if (identityService.createUserQuery().userId(demoUser.id()).count() > 0) {
        continue;
      }
      var user = identityService.newUser(demoUser.id());
      user.setFirstName(demoUser.firstName());
      user.setLastName(demoUser.lastName());
      user.setEmail(demoUser.id() + "@demo.leadhandoff.test");
      user.setPassword(demoUser.password());
      identityService.saveUser(user);
      demoUser.groups().forEach(group -> identityService.createMembership(demoUser.id(), group));
    }
  }
}
