package com.leadhandoff.ownership;

import com.leadhandoff.lead.LeadText;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Turns "this group, picked by on-call or by rotation" into one accountable person. On-call asks
 * the team's schedule; an empty schedule (or an on-call person who is away or declined) falls back
 * to the rotation of the on-call fallback group, normally the dispatch leads: never to nobody.
 */
@Component
public class Assignments {

  /** How a ladder level picks its person. */
  public enum Method {
    ON_CALL, ROTATION;

    /** "on-call" or "rotation" as the ladder table writes them. */
    public static Method named(String name) {
      if (name != null) {
        for (Method method : values()) {
          if (method.name().replace('_', '-').equalsIgnoreCase(name.strip())) {
            return method;
          }
        }
      }
      throw new IllegalArgumentException("'" + name + "' is not a way to pick a person: use on-call or rotation");
    }

    public String words() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * The group the person was picked from, the person (null: nobody could take it), why, and every
   * group the task is offered to (the picked-from group first; the level's own team stays on it when
   * the on-call fallback group takes over).
   */
  public record Assignment(String group, String assignee, String why, List<String> offeredTo) {

    public String offeredToText() {
      return String.join(",", offeredTo);
    }
  }

  private final OnCall onCall;
  private final Rotation rotation;
  private final People people;
  private final IdentityService identityService;
  private final OwnershipProperties properties;
  private final LeadText text;

  public Assignments(OnCall onCall, Rotation rotation, People people, IdentityService identityService,
      OwnershipProperties properties, LeadText text) {
    this.onCall = onCall;
    this.rotation = rotation;
    this.people = people;
    this.identityService = identityService;
    this.properties = properties;
    this.text = text;
  }

  /**
   * Picks the person for a level. {@code availableAt} is when the lead can be worked (now, or the
   * next opening for a business-hours lead captured after hours); {@code now} is when it happens.
   */
  public Assignment assign(String group, Method method, Collection<String> declined, Instant availableAt, Instant now) {
    if (method == Method.ROTATION) {
      return byRotation(group, declined, availableAt, now, "");
    }
    Instant at = now;
    var answer = onCall.at(group, at);
    String notOnCall;
    if (answer.isEmpty()) {
      notOnCall = "nobody is on call for " + group + " (empty schedule)";
    } else {
      String person = answer.get().userId();
      String name = rotation.displayName(person);
      if (identityService.createUserQuery().userId(person).memberOfGroup(group).count() == 0) {
        notOnCall = name + " is on call for " + group + " but is not a member of it";
      } else if (people.of(person).awayAt(at)) {
        notOnCall = name + " is on call for " + group + " but marked away";
      } else if (declined.contains(person)) {
        notOnCall = name + " is on call for " + group + " but declined this lead";
      } else {
        rotation.recordAssignment(group, person, at);
        var a = answer.get();
        String source = a.source() == OnCall.Source.OVERRIDE
            ? "by override" + (a.reason() == null ? "" : " (" + a.reason() + ")") : "by the rotation";
        return new Assignment(group, person, name + " is on call for " + group + " until " + text.time(a.until()) + ", " + source, List.of(group));
      }
    }
    String fallback = properties.onCallFallbackGroup();
    var picked = byRotation(fallback, declined, at, now, notOnCall + "; the " + fallback + " group takes it: ");
    List<String> offeredTo = fallback.equals(group) ? List.of(group) : List.of(fallback, group);
    return new Assignment(picked.group(), picked.assignee(), picked.why(), offeredTo);
  }

  /** The next person of the group's rotation; if nobody can take it, the group keeps it unassigned and the ladder moves on. */
  public Assignment byRotation(String group, Collection<String> declined, Instant availableAt, Instant now, String prefix) {
    var pick = rotation.pick(group, declined, availableAt, now);
    return new Assignment(group, pick.person().map(Rotation.Member::userId).orElse(null), prefix + pick.why(), List.of(group));
  }
}
