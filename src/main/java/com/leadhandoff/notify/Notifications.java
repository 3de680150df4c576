package com.leadhandoff.notify;

import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.lead.LeadText;
import com.leadhandoff.ownership.People;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Tells people about an event on a lead, through the channels they chose. Inside the step's
 * transaction it only writes the messages (one per channel, each person or team once) and starts
 * a "Notify people" instance; the job executor delivers them after the transaction commits, each
 * message in its own job with retries and backoff, and a Cockpit incident when they run out.
 * A person with no channels of their own is emailed at their Tasklist profile address when mail is
 * configured; a team with no channels of its own is told through its members.
 */
@Component
public class Notifications {

  public static final String PROCESS = "notify-people";

  private final NotificationChannels channels;
  private final NotificationOutbox outbox;
  private final IdentityService identityService;
  private final ObjectProvider<JavaMailSender> mail;
  private final NotificationProperties properties;

  public Notifications(NotificationChannels channels, NotificationOutbox outbox, IdentityService identityService,
      ObjectProvider<JavaMailSender> mail, NotificationProperties properties) {
    this.channels = channels;
    this.outbox = outbox;
    this.identityService = identityService;
    this.mail = mail;
    this.properties = properties;
  }

  /** Writes the messages and schedules their delivery; returns how many messages there are. */
  public int publish(DelegateExecution lead, NotificationEvent event, Collection<Recipient> to, String subject, String text) {
    Map<String, NotificationChannels.Channel> byAddress = new LinkedHashMap<>();
    Map<String, String> recipientNames = new LinkedHashMap<>();
    for (Recipient recipient : new LinkedHashSet<>(to)) {
      for (var resolved : resolve(recipient, event)) {
        String key = resolved.channel().kind() + " " + resolved.channel().address();
        if (byAddress.putIfAbsent(key, resolved.channel()) == null) {
          recipientNames.put(key, resolved.name());
        }
      }
    }
    if (byAddress.isEmpty()) {
      return 0;
    }
    String eventId = UUID.randomUUID().toString();
    String fullSubject = LeadText.fitted(subject + " · " + who(lead));
    String body = LeadText.fitted(text + "\n\n" + details(lead) + "\nOpen Tasklist: " + properties.tasklistUrl());
    Instant now = ClockUtil.getCurrentTime().toInstant();
    byAddress.forEach((key, channel) -> outbox.add(new NotificationOutbox.Delivery(UUID.randomUUID().toString(), eventId,
        lead.getProcessInstanceId(), event, recipientNames.get(key), channel.kind(), channel.address(),
        fullSubject.length() > 300 ? fullSubject.substring(0, 299) + "…" : fullSubject, body,
        NotificationOutbox.Status.PENDING, 0, null), now));
    lead.getProcessEngineServices().getRuntimeService().startProcessInstanceByKey(PROCESS, lead.getProcessInstanceId(),
        Map.of("notificationEventId", eventId, "event", event.name(), "leadProcessInstanceId", lead.getProcessInstanceId()));
    return byAddress.size();
  }

  private record Resolved(String name, NotificationChannels.Channel channel) {}

  private List<Resolved> resolve(Recipient recipient, NotificationEvent event) {
    List<NotificationChannels.Channel> own = channels.of(recipient);
    if (recipient.kind() == Recipient.Kind.GROUP) {
      if (!own.isEmpty()) {
        return own.stream().filter(c -> c.wants(event)).map(c -> new Resolved("team " + recipient.id(), c)).toList();
      }
      return identityService.createUserQuery().memberOfGroup(recipient.id()).list().stream()
          .flatMap(member -> resolve(member, channels.of(Recipient.user(member.getId())), event).stream()).toList();
    }
    User user = identityService.createUserQuery().userId(recipient.id()).singleResult();
    return user == null ? List.of() : resolve(user, own, event);
  }

  /** A person's own channels for the event, else their profile email when mail is configured. */
  private List<Resolved> resolve(User user, List<NotificationChannels.Channel> own, NotificationEvent event) {
    String display = People.displayName(user);
    if (!own.isEmpty()) {
      return own.stream().filter(c -> c.wants(event)).map(c -> new Resolved(display, c)).toList();
    }
    if (user.getEmail() != null && !user.getEmail().isBlank() && mail.getIfAvailable() != null) {
      return List.of(new Resolved(display, new NotificationChannels.Channel(Recipient.user(user.getId()), NotificationChannels.Kind.EMAIL, user.getEmail(), Set.of())));
    }
    return List.of();
  }

  private static String who(DelegateExecution lead) {
    return Stream.of(text(lead, "fullName"), text(lead, "phone"), text(lead, "email")).filter(Objects::nonNull).findFirst().orElse("unknown caller");
  }

  private static String details(DelegateExecution lead) {
    List<String> lines = new ArrayList<>();
    lines.add("Lead: " + who(lead) + (text(lead, "leadClass") == null ? "" : " · " + text(lead, "leadClass")));
    if (text(lead, "phone") != null) {
      lines.add("Phone: " + text(lead, "phone"));
    }
    if (text(lead, "problem") != null) {
      lines.add("Problem: " + LeadText.summary(text(lead, "problem")));
    }
    if (text(lead, "postalCode") != null) {
      lines.add("Postal code: " + text(lead, "postalCode"));
    }
    lines.add("Lead id: " + lead.getProcessInstanceId());
    return String.join("\n", lines);
  }
}
