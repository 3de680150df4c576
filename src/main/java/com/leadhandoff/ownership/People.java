package com.leadhandoff.ownership;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether a person can take a lead: away for a period (holiday, sick day), their capacity (the most
 * open leads they hold at once), and their weekly shift. Managers set it over the API; nobody has
 * to be set up for the rotation to work, because no row means present, default capacity, no shift.
 */
@Component
public class People {

  /** One person's availability. A shift maps weekdays to one working period; empty means no shift limits. */
  public record Availability(String userId, Instant awayFrom, Instant awayUntil, String awayReason, Integer capacity,
      Map<DayOfWeek, Shift> shift, String updatedBy, Instant updatedAt) {

    public static Availability present(String userId) {
      return new Availability(userId, null, null, null, null, Map.of(), null, null);
    }

    /** Away at this moment: inside [awayFrom, awayUntil); an open end means until further notice. */
    public boolean awayAt(Instant moment) {
      if (awayFrom == null && awayUntil == null) {
        return false;
      }
      return (awayFrom == null || !moment.isBefore(awayFrom)) && (awayUntil == null || moment.isBefore(awayUntil));
    }

    /** On shift at this moment, in the business's time zone; no shift means always. */
    public boolean onShiftAt(Instant moment, ZoneId zone) {
      if (shift.isEmpty()) {
        return true;
      }
      var local = moment.atZone(zone);
      Shift today = shift.get(local.getDayOfWeek());
      return today != null && today.contains(local.toLocalTime());
    }
  }

  /** A working period within one day, e.g. 07:00-15:00. */
  public record Shift(LocalTime starts, LocalTime ends) {

    public Shift {
      if (!starts.isBefore(ends)) {
        throw new IllegalArgumentException("a shift must start before it ends: " + starts + "-" + ends);
      }
    }

    boolean contains(LocalTime time) {
      return !time.isBefore(starts) && time.isBefore(ends);
    }

    /** "07:00-15:00", or an IllegalArgumentException naming the value. */
    public static Shift parse(String text) {
      String[] parts = text == null ? new String[0] : text.strip().split("-");
      try {
        if (parts.length == 2) {
          return new Shift(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
        }
      } catch (java.time.format.DateTimeParseException e) {
        // reported below
      }
      throw new IllegalArgumentException("'" + text + "' is not a period such as 07:00-15:00");
    }

    @Override
    public String toString() {
      return starts + "-" + ends;
    }
  }

  private final JdbcTemplate jdbc;

  public People(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** How a person is named in notes and messages: first and last name, else the user id. */
  public static String displayName(org.camunda.bpm.engine.identity.User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " " + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? user.getId() : name;
  }

  public Availability of(String userId) {
    return find(userId).orElse(Availability.present(userId));
  }

  public Optional<Availability> find(String userId) {
    return jdbc.query("select user_id, away_from, away_until, away_reason, capacity, shift, updated_by, updated_at from lh_person where user_id = ?",
        People::read, userId).stream().findFirst();
  }

  public void save(Availability availability) {
    Object[] values = {time(availability.awayFrom()), time(availability.awayUntil()), availability.awayReason(),
        availability.capacity(), shiftText(availability.shift()), availability.updatedBy(), time(availability.updatedAt()),
        availability.userId()};
    if (jdbc.update("update lh_person set away_from = ?, away_until = ?, away_reason = ?, capacity = ?, shift = ?, updated_by = ?, updated_at = ? where user_id = ?", values) == 0) {
      jdbc.update("insert into lh_person (away_from, away_until, away_reason, capacity, shift, updated_by, updated_at, user_id) values (?, ?, ?, ?, ?, ?, ?, ?)", values);
    }
  }

  public List<Availability> all() {
    return jdbc.query("select user_id, away_from, away_until, away_reason, capacity, shift, updated_by, updated_at from lh_person order by user_id", People::read);
  }

  private static Availability read(ResultSet rs, int row) throws SQLException {
    return new Availability(rs.getString(1), instant(rs, 2), instant(rs, 3), rs.getString(4),
        (Integer) rs.getObject(5, Integer.class), parseShift(rs.getString(6)), rs.getString(7), instant(rs, 8));
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** "monday=07:00-15:00;tuesday=07:00-15:00" as stored. */
  static Map<DayOfWeek, Shift> parseShift(String text) {
    Map<DayOfWeek, Shift> shift = new EnumMap<>(DayOfWeek.class);
    if (text == null || text.isBlank()) {
      return shift;
    }
    for (String day : text.split(";")) {
      String[] parts = day.split("=", 2);
      shift.put(DayOfWeek.valueOf(parts[0].strip().toUpperCase(Locale.ROOT)), Shift.parse(parts[1]));
    }
    return shift;
  }

  static String shiftText(Map<DayOfWeek, Shift> shift) {
    return shift == null || shift.isEmpty() ? null : shift.entrySet().stream()
        .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + "=" + e.getValue())
        .collect(Collectors.joining(";"));
  }
}
