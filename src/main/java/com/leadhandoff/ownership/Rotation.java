package com.leadhandoff.ownership;

import com.leadhandoff.escalation.BusinessHoursProperties;
import com.leadhandoff.lead.LeadText;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fair rotation within a team: the member given a lead least recently is next, skipping people
 * who are away, off shift or at their capacity. Because the order is by the time of the last
 * assignment, not by a count, someone back from two weeks away gets one lead and then waits their
 * turn like everyone else: no catch-up flood. The state lives in lh_rotation, so it survives
 * restarts, and picks for one team are serialised by a row lock, so two leads arriving together
 * go to two people.
 */
@Component
public class Rotation {

  /** Why a member is or is not next, best first. */
  public enum Status {
    AVAILABLE("available"),
    AT_CAPACITY("at capacity"),
    OFF_SHIFT("off shift"),
    DECLINED("declined this lead"),
    AWAY("away");

    private final String words;

    Status(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }

    /** Given a lead only when nobody better is there: over capacity beats nobody; off shift beats nobody. */
    boolean assignable() {
      return this == AVAILABLE || this == AT_CAPACITY || this == OFF_SHIFT;
    }
  }

  /**
   * One member as the rotation sees them. When the rotation picks, {@code openLeads} is counted
   * only up to one past the capacity: that is all a pick needs, and it keeps each pick as quick
   * with a thousand open leads as with ten.
   */
  public record Member(String userId, String name, Instant lastAssignedAt, int openLeads, int capacity, Status status, String note) {}

  /** The person picked (empty if nobody can take it), why, and the whole team as it stood. */
  public record Pick(Optional<Member> person, String why, List<Member> team) {}

  /** The lead tasks that count against a person's capacity. */
  public static final List<String> OWNED_TASKS = List.of("UserTask_AcceptLead", "UserTask_RecordFirstContact");

  private final JdbcTemplate jdbc;
  private final IdentityService identityService;
  private final People people;
  private final OwnershipProperties properties;
  private final BusinessHoursProperties businessHours;
  private final TransactionTemplate separateTransaction;
  private final LeadText text;

  public Rotation(JdbcTemplate jdbc, IdentityService identityService, People people,
      OwnershipProperties properties, BusinessHoursProperties businessHours, PlatformTransactionManager transactions, LeadText text) {
    this.text = text;
    this.jdbc = jdbc;
    this.identityService = identityService;
    this.people = people;
    this.properties = properties;
    this.businessHours = businessHours;
    this.separateTransaction = new TransactionTemplate(transactions);
    this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The team in the order the rotation would pick them now: who is next first, and why each is where they are. */
  public List<Member> standing(String group, Collection<String> declined, Instant at) {
    return standing(group, declined, at, false);
  }

  private List<Member> standing(String group, Collection<String> declined, Instant at, boolean picking) {
    List<User> users = identityService.createUserQuery().memberOfGroup(group).list();
    Map<String, Instant> lastAssigned = new HashMap<>();
    jdbc.query("select user_id, last_assigned_at from lh_rotation where group_id = ?",
        rs -> {
          lastAssigned.put(rs.getString(1), People.instant(rs, 2));
        }, group);
    return users.stream()
        .map(user -> member(user, lastAssigned.get(user.getId()), declined, at, picking))
        .sorted(Comparator.comparing((Member m) -> m.status().ordinal())
            .thenComparing(Member::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Member::userId))
        .toList();
  }

  /**
   * Picks the next person of the team for a lead and records the assignment at {@code now}, or
   * picks nobody if every member is away or has declined it (or the team has no members). Who is
   * away, on shift or at capacity is judged at {@code availableAt}: when the lead can be worked,
   * which for a lead captured after hours is the next opening.
   *
   * <p>The pick and its record commit in a short transaction of their own, so the team's lock is
   * held for milliseconds, not for the rest of the routing step: held to the step's end, it let
   * one team take about 25 leads a second (docs/benchmarks.md). If the step then fails, the person
   * has still moved to the back of the rotation, as after a lead they declined.
   */
  public Pick pick(String group, Collection<String> declined, Instant availableAt, Instant now) {
    return separateTransaction.execute(status -> {
      lock(group);
      List<Member> team = standing(group, declined, availableAt, true);
      Optional<Member> next = team.stream().filter(m -> m.status().assignable()).findFirst();
      next.ifPresent(person -> record(group, person.userId(), now));
      return new Pick(next, why(group, next, team), team);
    });
  }

  /** Someone was given a lead of this team outside the rotation (the on-call person): they move to the back too. */
  public void recordAssignment(String group, String userId, Instant at) {
    separateTransaction.executeWithoutResult(status -> {
      lock(group);
      record(group, userId, at);
    });
  }

  private void record(String group, String userId, Instant at) {
    if (jdbc.update("update lh_rotation set last_assigned_at = ?, assignments = assignments + 1 where group_id = ? and user_id = ?",
        People.time(at), group, userId) == 0) {
      jdbc.update("insert into lh_rotation (group_id, user_id, last_assigned_at, assignments) values (?, ?, ?, 1)",
          group, userId, People.time(at));
    }
  }

  public String displayName(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    return user == null ? userId : People.displayName(user);
  }

  private Member member(User user, Instant lastAssignedAt, Collection<String> declined, Instant at, boolean picking) {
    var availability = people.of(user.getId());
    int capacity = Objects.requireNonNullElse(availability.capacity(), properties.defaultCapacity());
    int countedUpTo = picking ? capacity + 1 : Integer.MAX_VALUE;
    int open = openLeads(user.getId(), countedUpTo);
    Status status;
    String note;
    if (availability.awayAt(at)) {
      status = Status.AWAY;
      note = availability.awayUntil() == null ? "away until further notice" : "away until " + text.time(availability.awayUntil());
      if (availability.awayReason() != null) {
        note += " (" + availability.awayReason() + ")";
      }
    } else if (declined.contains(user.getId())) {
      status = Status.DECLINED;
      note = "declined this lead";
    } else if (!availability.onShiftAt(at, businessHours.zone())) {
      status = Status.OFF_SHIFT;
      note = "off shift (" + People.shiftText(availability.shift()).replace(";", ", ") + ")";
    } else if (open >= capacity) {
      status = Status.AT_CAPACITY;
      note = open == countedUpTo ? "at capacity: more than " + capacity + " open leads" : "at capacity: " + open + " of " + capacity + " open leads";
    } else {
      status = Status.AVAILABLE;
      note = open + " of " + capacity + " open leads";
    }
    return new Member(user.getId(), People.displayName(user), lastAssignedAt, open, capacity, status, note);
  }

  /**
   * The lead tasks the person holds, counted no further than {@code upTo}. Read with SQL because
   * the engine's task count has no limit: it counts (and de-duplicates) every open task the person
   * holds, which under the team's lock made picks slower with every waiting lead.
   */
  private int openLeads(String userId, int upTo) {
    Integer open = jdbc.queryForObject("select count(*) from (select 1 from act_ru_task where assignee_ = ? and task_def_key_ in (?, ?)"
        + " limit ?) held", Integer.class, userId, OWNED_TASKS.get(0), OWNED_TASKS.get(1), upTo);
    return open == null ? 0 : open;
  }

  private String why(String group, Optional<Member> next, List<Member> team) {
    String skipped = team.stream().filter(m -> m.status() != Status.AVAILABLE && next.map(n -> !n.equals(m)).orElse(true))
        .map(m -> m.name() + " (" + m.note() + ")").collect(Collectors.joining(", "));
    if (next.isEmpty()) {
      return team.isEmpty() ? group + " has no members" : "nobody in " + group + " can take it: " + skipped;
    }
    Member person = next.get();
    String because = switch (person.status()) {
      case AVAILABLE -> person.lastAssignedAt() == null ? "not given a lead by this rotation yet" : "least recently given a lead";
      case AT_CAPACITY -> "everyone on shift is at capacity; least recently given a lead";
      default -> "nobody is on shift now; least recently given a lead";
    };
    return person.name() + " is next in the " + group + " rotation: " + because + (skipped.isEmpty() ? "" : "; skipped " + skipped);
  }

  /** Serialises picks for one team across threads and nodes; the row is created once, in its own transaction. */
  private void lock(String group) {
    if (jdbc.queryForList("select group_id from lh_rotation_lock where group_id = ? for update", String.class, group).isEmpty()) {
      separateTransaction.executeWithoutResult(status -> {
        try {
          jdbc.update("insert into lh_rotation_lock (group_id) values (?)", group);
        } catch (DuplicateKeyException created) {
          status.setRollbackOnly();
        }
      });
      jdbc.queryForList("select group_id from lh_rotation_lock where group_id = ? for update", String.class, group);
    }
  }
}
