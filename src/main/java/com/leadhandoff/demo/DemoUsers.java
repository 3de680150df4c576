package com.leadhandoff.demo;

import com.leadhandoff.escalation.BusinessHoursProperties;
import com.leadhandoff.escalation.DueDates;
import com.leadhandoff.notify.NotificationChannels;
import com.leadhandoff.notify.Recipient;
import com.leadhandoff.ownership.OnCall;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One demo login per team, so each role's Tasklist can be tried; users that exist are left alone.
 * The dispatchers get a weekly on-call rotation, and every demo user is notified by email and
 * webhook into the demo mailbox, so an escalation can be followed from Tasklist to inbox.
 */
@Component
public class DemoUsers {

  private final DemoProperties demo;
  private final IdentityService identityService;
  private final OnCall onCall;
  private final NotificationChannels channels;
  private final DueDates dueDates;
  private final BusinessHoursProperties businessHours;
  private final Environment environment;

  public DemoUsers(DemoProperties demo, IdentityService identityService, OnCall onCall, NotificationChannels channels,
      DueDates dueDates, BusinessHoursProperties businessHours, Environment environment) {
    this.demo = demo;
    this.identityService = identityService;
    this.onCall = onCall;
    this.channels = channels;
    this.dueDates = dueDates;
    this.businessHours = businessHours;
    this.environment = environment;
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
      user.setEmail(address(demoUser.id()));
      user.setPassword(demoUser.password());
      identityService.saveUser(user);
      demoUser.groups().forEach(group -> identityService.createMembership(demoUser.id(), group));
      if (demo.mailbox().enabled()) {
        String webhook = "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080") + "/demo/webhook?to=" + demoUser.id();
        var owner = Recipient.user(demoUser.id());
        channels.replace(owner, List.of(
            new NotificationChannels.Channel(owner, NotificationChannels.Kind.EMAIL, address(demoUser.id()), Set.of()),
            new NotificationChannels.Channel(owner, NotificationChannels.Kind.WEBHOOK, webhook, Set.of())));
      }
    }
    onCallRotation("dispatch", "dispatcher");
    onCallRotation("dispatch-leads", "dispatch-lead");
  }

  /** A weekly turn from Monday 08:00 of this week, for the demo members of the team. */
  private void onCallRotation(String team, String... candidates) {
    if (onCall.schedule(team).isPresent()) {
      return;
    }
    List<String> members = new ArrayList<>();
    for (String candidate : candidates) {
      if (identityService.createUserQuery().userId(candidate).memberOfGroup(team).count() > 0) {
        members.add(candidate);
      }
    }
    if (members.isEmpty()) {
      return;
    }
    var monday = dueDates.now().atZone(businessHours.zone()).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    var startsAt = monday.atTime(LocalTime.of(8, 0)).atZone(businessHours.zone()).toInstant();
    if (startsAt.isAfter(dueDates.now())) {
      startsAt = monday.minusWeeks(1).atTime(LocalTime.of(8, 0)).atZone(businessHours.zone()).toInstant();
    }
    onCall.saveSchedule(new OnCall.Schedule(team, members, "P7D", startsAt, "demo", dueDates.now()));
  }

  private static String address(String userId) {
    return userId + "@demo.leadhandoff.test";
  }
}
