package com.leadhandoff.ownership;

import com.leadhandoff.escalation.BusinessHoursProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Who is on call for a team right now: a 24/7 rotation (members take turns of a fixed length from
 * a start time, e.g. a week each from Monday 08:00) with overrides on top for swaps and sick days
 * (the latest override covering the moment wins). Turns counted in days follow the business's
 * local clock, so a Monday-08:00 handover stays at 08:00 across daylight-saving changes.
 */
@Component
public class OnCall {

  public enum Source { ROTATION, OVERRIDE }

  public record Schedule(String group, List<String> members, String shiftLength, Instant startsAt, String updatedBy, Instant updatedAt) {}

  public record Override(long id, String group, String userId, Instant startsAt, Instant endsAt, String reason, String createdBy, Instant createdAt) {}

  /** The person on call at a moment, whether from the rotation or an override, and until when. */
  public record Answer(String group, String userId, Source source, Instant from, Instant until, String reason) {}

  private final JdbcTemplate jdbc;
  private final BusinessHoursProperties businessHours;

  public OnCall(JdbcTemplate jdbc, BusinessHoursProperties businessHours) {
    this.jdbc = jdbc;
    this.businessHours = businessHours;
  }

  public Optional<Answer> at(String group, Instant moment) {
    var override = jdbc.query("select id, group_id, user_id, starts_at, ends_at, reason, created_by, created_at from lh_on_call_override "
        + "where group_id = ? and starts_at <= ? and ends_at > ? order by created_at desc, id desc",
        OnCall::readOverride, group, People.time(moment), People.time(moment)).stream().findFirst();
    if (override.isPresent()) {
      var o = override.get();
      return Optional.of(new Answer(group, o.userId(), Source.OVERRIDE, o.startsAt(), o.endsAt(), o.reason()));
    }
    return schedule(group).flatMap(schedule -> turnAt(schedule, moment));
  }

  public Optional<Schedule> schedule(String group) {
    return jdbc.query("select group_id, members, shift_length, starts_at, updated_by, updated_at from lh_on_call_schedule where group_id = ?",
        (rs, row) -> new Schedule(rs.getString(1), Arrays.stream(rs.getString(2).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
            rs.getString(3), People.instant(rs, 4), rs.getString(5), People.instant(rs, 6)), group).stream().findFirst();
  }

  public void saveSchedule(Schedule schedule) {
    checkShiftLength(schedule.shiftLength());
    Object[] values = {String.join(",", schedule.members()), schedule.shiftLength(), People.time(schedule.startsAt()),
        schedule.updatedBy(), People.time(schedule.updatedAt()), schedule.group()};
    if (jdbc.update("update lh_on_call_schedule set members = ?, shift_length = ?, starts_at = ?, updated_by = ?, updated_at = ? where group_id = ?", values) == 0) {
      jdbc.update("insert into lh_on_call_schedule (members, shift_length, starts_at, updated_by, updated_at, group_id) values (?, ?, ?, ?, ?, ?)", values);
    }
  }

  public void deleteSchedule(String group) {
    jdbc.update("delete from lh_on_call_schedule where group_id = ?", group);
  }

  public Override addOverride(String group, String userId, Instant startsAt, Instant endsAt, String reason, String by, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("insert into lh_on_call_override (group_id, user_id, starts_at, ends_at, reason, created_by, created_at) "
          + "values (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      statement.setString(1, group);
      statement.setString(2, userId);
      statement.setObject(3, People.time(startsAt));
      statement.setObject(4, People.time(endsAt));
      statement.setString(5, reason);
      statement.setString(6, by);
      statement.setObject(7, People.time(now));
      return statement;
    }, keys);
    return new Override(keys.getKey().longValue(), group, userId, startsAt, endsAt, reason, by, now);
  }

  /** Overrides that have not ended yet, soonest first. */
  public List<Override> overrides(String group, Instant now) {
    return jdbc.query("select id, group_id, user_id, starts_at, ends_at, reason, created_by, created_at from lh_on_call_override "
        + "where group_id = ? and ends_at > ? order by starts_at, id", OnCall::readOverride, group, People.time(now));
  }

  public boolean deleteOverride(String group, long id) {
    return jdbc.update("delete from lh_on_call_override where group_id = ? and id = ?", group, id) > 0;
  }

  /** The rotation's turn at a moment; nobody before the schedule starts or when it has no members. */
  Optional<Answer> turnAt(Schedule schedule, Instant moment) {
    if (schedule.members().isEmpty() || moment.isBefore(schedule.startsAt())) {
      return Optional.empty();
    }
    var zone = businessHours.zone();
    String length = schedule.shiftLength();
    Instant turnStart;
    Instant turnEnd;
    long turn;
    if (length.contains("T")) {
      long millis = Duration.parse(length).toMillis();
      turn = Duration.between(schedule.startsAt(), moment).toMillis() / millis;
      turnStart = schedule.startsAt().plusMillis(turn * millis);
      turnEnd = turnStart.plusMillis(millis);
    } else {
      int days = Period.parse(length).getDays();
      LocalDateTime start = LocalDateTime.ofInstant(schedule.startsAt(), zone);
      LocalDateTime now = LocalDateTime.ofInstant(moment, zone);
      turn = ChronoUnit.DAYS.between(start, now) / days;
      LocalDateTime localTurnStart = start.plusDays(turn * days);
      if (localTurnStart.isAfter(now)) {
        turn--;
        localTurnStart = start.plusDays(turn * days);
      }
      turnStart = localTurnStart.atZone(zone).toInstant();
      turnEnd = localTurnStart.plusDays(days).atZone(zone).toInstant();
    }
    String member = schedule.members().get((int) (turn % schedule.members().size()));
    return Optional.of(new Answer(schedule.group(), member, Source.ROTATION, turnStart, turnEnd, null));
  }

  /** A turn is a whole number of days (P1D, P7D) or a time (PT12H); anything else is refused with the value. */
  public static void checkShiftLength(String length) {
    try {
      if (length != null && length.contains("T")) {
        Duration duration = Duration.parse(length);
        if (duration.compareTo(Duration.ofHours(1)) >= 0) {
          return;
        }
      } else if (length != null) {
        Period period = Period.parse(length);
        if (period.getYears() == 0 && period.getMonths() == 0 && period.getDays() >= 1) {
          return;
        }
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new IllegalArgumentException("shiftLength '" + length + "' is not a turn of whole days (P7D) or at least an hour (PT12H)");
  }

  private static Override readOverride(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Override(rs.getLong(1), rs.getString(2), rs.getString(3), People.instant(rs, 4), People.instant(rs, 5),
        rs.getString(6), rs.getString(7), People.instant(rs, 8));
  }
}
