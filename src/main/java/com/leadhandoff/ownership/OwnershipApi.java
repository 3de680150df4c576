package com.leadhandoff.ownership;

import static com.leadhandoff.intake.LeadsApi.CALLER;

import com.leadhandoff.escalation.DueDates;
import com.leadhandoff.intake.FieldProblem;
import com.leadhandoff.intake.InvalidRequestException;
import com.leadhandoff.notify.NotificationChannels;
import com.leadhandoff.notify.NotificationChannels.Channel;
import com.leadhandoff.notify.NotificationEvent;
import com.leadhandoff.notify.Recipient;
import com.leadhandoff.notify.WebhookAddresses;
import com.leadhandoff.security.ApiAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.validator.routines.EmailValidator;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who owns leads, over REST: the rotation (who is next and why), on-call schedules and overrides,
 * people's availability, where people and teams are notified, and the decline report. Who is on
 * call now is open to every API caller (a phone system rings them), without the reasons behind
 * it. Managers (and admins) change schedules and teams' settings and read everything; the office
 * also keeps people's availability; a team's members read their own rotation and schedule; every
 * API user reads and sets their own availability and channels.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Ownership", description = "Rotation, on-call, availability, notification channels and declines")
@SecurityRequirement(name = "basic")
public class OwnershipApi {

  private static final Set<String> MANAGERS = Set.of("managers", "camunda-admin");
  private static final Set<String> PEOPLE_KEEPERS = Set.of("managers", "camunda-admin", "office");

  private final Rotation rotation;
  private final OnCall onCall;
  private final People people;
  private final Declines declines;
  private final NotificationChannels channels;
  private final IdentityService identityService;
  private final OwnershipProperties properties;
  private final DueDates dueDates;
  private final WebhookAddresses webhooks;

  public OwnershipApi(Rotation rotation, OnCall onCall, People people, Declines declines, NotificationChannels channels,
      IdentityService identityService, OwnershipProperties properties, DueDates dueDates, WebhookAddresses webhooks) {
    this.webhooks = webhooks;
    this.rotation = rotation;
    this.onCall = onCall;
    this.people = people;
    this.declines = declines;
    this.channels = channels;
    this.identityService = identityService;
    this.properties = properties;
    this.dueDates = dueDates;
  }

  // ------------------------------------------------------------------ rotation

  public record RotationView(String team, String next, String why, List<Rotation.Member> members) {}

  @Operation(summary = "Who is next in a team's rotation, and why each member stands where they do")
  @GetMapping("/teams/{team}/rotation")
  public RotationView rotation(@PathVariable String team, @RequestParam(required = false) OffsetDateTime at,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireGroup(team);
    requireKeeperOrMember(caller, team, "read the " + team + " rotation");
    Instant moment = at == null ? dueDates.now() : at.toInstant();
    var members = rotation.standing(team, List.of(), moment);
    var next = members.stream().filter(m -> m.status() != Rotation.Status.AWAY).findFirst();
    String why = next.map(m -> m.name() + " is next: " + m.note()).orElse(members.isEmpty() ? team + " has no members" : "everyone in " + team + " is away");
    return new RotationView(team, next.map(Rotation.Member::userId).orElse(null), why, members);
  }

  // ------------------------------------------------------------------ on-call

  public record OnCallView(String team, String userId, String name, String source, Instant from, Instant until, String reason, String fallbackGroup) {}

  @Operation(summary = "Who is on call for a team now (or at a given time); nobody means the fallback group takes emergencies")
  @GetMapping("/teams/{team}/on-call")
  public OnCallView onCallNow(@PathVariable String team, @RequestParam(required = false) OffsetDateTime at,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireGroup(team);
    boolean keeper = isMember(caller, PEOPLE_KEEPERS);
    var answer = onCall.at(team, at == null ? dueDates.now() : at.toInstant());
    return answer.map(a -> new OnCallView(team, a.userId(), rotation.displayName(a.userId()), a.source().name(), a.from(), a.until(),
            keeper ? a.reason() : null, null))
        .orElse(new OnCallView(team, null, null, "FALLBACK", null, null, "nobody is on call", properties.onCallFallbackGroup()));
  }

  public record ScheduleRequest(List<String> members, String shiftLength, OffsetDateTime startsAt) {}

  @Operation(summary = "The team's on-call rotation")
  @GetMapping("/teams/{team}/on-call/schedule")
  public OnCall.Schedule schedule(@PathVariable String team, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireGroup(team);
    requireKeeperOrMember(caller, team, "read the " + team + " on-call schedule");
    return onCall.schedule(team).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, team + " has no on-call schedule"));
  }

  @Operation(summary = "Set the team's 24/7 on-call rotation (managers)")
  @PutMapping("/teams/{team}/on-call/schedule")
  @Transactional
  public OnCall.Schedule setSchedule(@PathVariable String team, @RequestBody ScheduleRequest request,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireGroup(team);
    requireMember(caller, MANAGERS, "set on-call schedules");
    List<FieldProblem> problems = new ArrayList<>();
    if (request.members() == null || request.members().isEmpty()) {
      problems.add(new FieldProblem("members", "List the people who take turns, in order"));
    } else {
      for (int i = 0; i < request.members().size(); i++) {
        checkMember(request.members().get(i), team, "members[" + i + "]", problems);
      }
    }
    try {
      OnCall.checkShiftLength(request.shiftLength());
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem("shiftLength", e.getMessage()));
    }
    if (request.startsAt() == null) {
      problems.add(new FieldProblem("startsAt", "Give the first handover, e.g. 2026-11-23T08:00:00-06:00"));
    }
    refuseIf(problems);
    var schedule = new OnCall.Schedule(team, request.members(), request.shiftLength(), request.startsAt().toInstant(), caller, dueDates.now());
    onCall.saveSchedule(schedule);
    return schedule;
  }

  @Operation(summary = "Remove the team's on-call rotation (managers); emergencies then go to the fallback group")
  @DeleteMapping("/teams/{team}/on-call/schedule")
  public ResponseEntity<Void> deleteSchedule(@PathVariable String team, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireGroup(team);
    requireMember(caller, MANAGERS, "change on-call schedules");
    onCall.deleteSchedule(team);
    return ResponseEntity.noContent().build();
  }

  public record OverrideRequest(String userId, OffsetDateTime from, OffsetDateTime until, String reason) {}

  @Operation(summary = "On-call overrides that have not ended")
  @GetMapping("/teams/{team}/on-call/overrides")
  public List<OnCall.Override> overrides(@PathVariable String team, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireGroup(team);
    requireKeeperOrMember(caller, team, "read the " + team + " on-call overrides");
    return onCall.overrides(team, dueDates.now());
  }

  @Operation(summary = "Put someone on call for a period: a swap or a sick day (managers)")
  @PostMapping("/teams/{team}/on-call/overrides")
  public ResponseEntity<OnCall.Override> addOverride(@PathVariable String team, @RequestBody OverrideRequest request,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireGroup(team);
    requireMember(caller, MANAGERS, "change on-call schedules");
    List<FieldProblem> problems = new ArrayList<>();
    checkMember(request.userId(), team, "userId", problems);
    if (request.from() == null) {
      problems.add(new FieldProblem("from", "Give when the override starts"));
    }
    if (request.until() == null) {
      problems.add(new FieldProblem("until", "Give when the override ends"));
    } else if (request.from() != null && !request.until().isAfter(request.from())) {
      problems.add(new FieldProblem("until", "The override must end after it starts"));
    }
    checkLength(request.reason(), "reason", 200, problems);
    refuseIf(problems);
    var override = onCall.addOverride(team, request.userId(), request.from().toInstant(), request.until().toInstant(),
        request.reason(), caller, dueDates.now());
    return ResponseEntity.created(URI.create("/api/teams/" + team + "/on-call/overrides/" + override.id())).body(override);
  }

  @Operation(summary = "Remove an override (managers)")
  @DeleteMapping("/teams/{team}/on-call/overrides/{id}")
  public ResponseEntity<Void> deleteOverride(@PathVariable String team, @PathVariable long id,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireMember(caller, MANAGERS, "change on-call schedules");
    if (!onCall.deleteOverride(team, id)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No override " + id + " for " + team);
    }
    return ResponseEntity.noContent().build();
  }

  // ------------------------------------------------------------------ availability

  public record AvailabilityRequest(OffsetDateTime awayFrom, OffsetDateTime awayUntil, String awayReason, Integer capacity, Map<String, String> shift) {}

  @Operation(summary = "A person's availability: away period, capacity, weekly shift")
  @GetMapping("/people/{userId}/availability")
  public People.Availability availability(@PathVariable String userId, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireUser(userId);
    if (!caller.equals(userId)) {
      requireMember(caller, PEOPLE_KEEPERS, "read other people's availability");
    }
    return people.of(userId);
  }

  @Operation(summary = "Set a person's availability (themselves, the office or managers); replaces what was set")
  @PutMapping("/people/{userId}/availability")
  @Transactional
  public People.Availability setAvailability(@PathVariable String userId, @RequestBody AvailabilityRequest request,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireUser(userId);
    if (!caller.equals(userId)) {
      requireMember(caller, PEOPLE_KEEPERS, "change other people's availability");
    }
    List<FieldProblem> problems = new ArrayList<>();
    if (request.awayFrom() != null && request.awayUntil() != null && !request.awayUntil().isAfter(request.awayFrom())) {
      problems.add(new FieldProblem("awayUntil", "The absence must end after it starts"));
    }
    if (request.capacity() != null && (request.capacity() < 1 || request.capacity() > 500)) {
      problems.add(new FieldProblem("capacity", "Give the most open leads this person holds at once, from 1 to 500"));
    }
    checkLength(request.awayReason(), "awayReason", 200, problems);
    Map<DayOfWeek, People.Shift> shift = new EnumMap<>(DayOfWeek.class);
    if (request.shift() != null) {
      request.shift().forEach((day, hours) -> {
        try {
          shift.put(DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT)), People.Shift.parse(hours));
        } catch (IllegalArgumentException e) {
          problems.add(new FieldProblem("shift." + day, e.getMessage().startsWith("'") ? e.getMessage()
              : "'" + day + "' is not a weekday such as monday"));
        }
      });
    }
    refuseIf(problems);
    var availability = new People.Availability(userId, instant(request.awayFrom()), instant(request.awayUntil()), request.awayReason(),
        request.capacity(), shift, caller, dueDates.now());
    people.save(availability);
    return availability;
  }

  // ------------------------------------------------------------------ notification channels

  public record ChannelsRequest(String email, String webhook, List<String> events) {}

  public record ChannelsView(String owner, List<Channel> channels) {}

  @Operation(summary = "Where a person is told about escalations, reassignments, joins and missed commitments")
  @GetMapping("/people/{userId}/notifications")
  public ChannelsView personChannels(@PathVariable String userId, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireUser(userId);
    if (!caller.equals(userId)) {
      requireMember(caller, MANAGERS, "read other people's notifications");
    }
    return new ChannelsView(userId, channels.of(Recipient.user(userId)));
  }

  @Operation(summary = "Set a person's channels (themselves or managers): an email address, a webhook URL, or both")
  @PutMapping("/people/{userId}/notifications")
  @Transactional
  public ChannelsView setPersonChannels(@PathVariable String userId, @RequestBody ChannelsRequest request,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireUser(userId);
    if (!caller.equals(userId)) {
      requireMember(caller, MANAGERS, "change other people's notifications");
    }
    return setChannels(Recipient.user(userId), request);
  }

  @Operation(summary = "Where a team is told (for example the team's chat webhook)")
  @GetMapping("/teams/{team}/notifications")
  public ChannelsView teamChannels(@PathVariable String team, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireGroup(team);
    requireMember(caller, MANAGERS, "read teams' notifications");
    return new ChannelsView(team, channels.of(Recipient.group(team)));
  }

  @Operation(summary = "Set a team's channels (managers); a team without channels is told through its members")
  @PutMapping("/teams/{team}/notifications")
  @Transactional
  public ChannelsView setTeamChannels(@PathVariable String team, @RequestBody ChannelsRequest request,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireGroup(team);
    requireMember(caller, MANAGERS, "change teams' notifications");
    return setChannels(Recipient.group(team), request);
  }

  private ChannelsView setChannels(Recipient owner, ChannelsRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    Set<NotificationEvent> events = new LinkedHashSet<>();
    if (request.events() != null) {
      for (int i = 0; i < request.events().size(); i++) {
        String name = request.events().get(i);
        NotificationEvent.named(name).ifPresentOrElse(events::add, () -> problems.add(new FieldProblem("events",
            "'" + name + "' is not an event; use " + List.of(NotificationEvent.values()))));
      }
    }
    List<Channel> wanted = new ArrayList<>();
    if (request.email() != null && !request.email().isBlank()) {
      if (request.email().length() > 254 || !EmailValidator.getInstance().isValid(request.email().strip())) {
        problems.add(new FieldProblem("email", "'" + request.email() + "' is not an email address"));
      } else {
        wanted.add(new Channel(owner, NotificationChannels.Kind.EMAIL, request.email().strip().toLowerCase(Locale.ROOT), events));
      }
    }
    if (request.webhook() != null && !request.webhook().isBlank()) {
      try {
        if (request.webhook().length() > 500) {
          throw new IllegalArgumentException("At most 500 characters");
        }
        wanted.add(new Channel(owner, NotificationChannels.Kind.WEBHOOK, webhooks.check(request.webhook()).toString(), events));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("webhook", e.getMessage()));
      }
    }
    refuseIf(problems);
    channels.replace(owner, wanted);
    return new ChannelsView(owner.id(), channels.of(owner));
  }

  // ------------------------------------------------------------------ declines

  public record DeclineReport(Instant from, Instant to, long total, List<Declines.Count> byReason, List<Declines.Count> byPerson,
      List<Declines.Count> byTeam, List<Declines.Decline> declines) {}

  @Operation(summary = "Declines in a period, by reason, person and team, with each decline (managers)")
  @GetMapping("/reports/declines")
  public DeclineReport declineReport(@RequestParam(required = false) OffsetDateTime from, @RequestParam(required = false) OffsetDateTime to,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireMember(caller, MANAGERS, "read the decline report");
    Instant end = to == null ? dueDates.now() : to.toInstant();
    Instant start = from == null ? end.minus(java.time.Duration.ofDays(7)) : from.toInstant();
    if (!end.isAfter(start)) {
      throw new InvalidRequestException("to", "The period must end after it starts");
    }
    var rows = declines.between(start, end);
    return new DeclineReport(start, end, rows.size(), declines.countBy("reason_code", start, end), declines.countBy("user_id", start, end),
        declines.countBy("group_id", start, end), rows);
  }

  // ------------------------------------------------------------------ checks

  private void requireGroup(String team) {
    if (identityService.createGroupQuery().groupId(team).count() == 0) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No team '" + team + "'");
    }
  }

  private void requireUser(String userId) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No person '" + userId + "'");
    }
  }

  private boolean isMember(String caller, Set<String> groups) {
    return ApiAuthentication.memberOfAny(identityService, caller, groups);
  }

  private void requireKeeperOrMember(String caller, String team, String what) {
    if (!isMember(caller, PEOPLE_KEEPERS) && identityService.createUserQuery().userId(caller).memberOfGroup(team).count() == 0) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "'" + caller + "' may not " + what + ": that needs membership of " + team
          + " or one of " + PEOPLE_KEEPERS.stream().sorted().toList());
    }
  }

  private void requireMember(String caller, Set<String> groups, String what) {
    if (!isMember(caller, groups)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "'" + caller + "' may not " + what + ": that needs one of " + groups.stream().sorted().toList());
    }
  }

  private void checkMember(String userId, String team, String field, List<FieldProblem> problems) {
    if (userId == null || userId.isBlank()) {
      problems.add(new FieldProblem(field, "Give a user id"));
    } else if (identityService.createUserQuery().userId(userId).memberOfGroup(team).count() == 0) {
      problems.add(new FieldProblem(field, "'" + userId + "' is not a member of " + team));
    }
  }

  private static void checkLength(String value, String field, int max, List<FieldProblem> problems) {
    if (value != null && value.length() > max) {
      problems.add(new FieldProblem(field, "At most " + max + " characters"));
    }
  }

  private static void refuseIf(List<FieldProblem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
