package com.leadhandoff.insights;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** A span of time [from, to) that insights are read for. */
public record Period(Instant from, Instant to) {

  public Period {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
  }

  /**
   * From the API's parameters: dates in the business's time zone (to included) or date-times with
   * offsets; without from, the given default length before to; without to, now.
   */
  public static Period parse(String from, String to, Duration defaultLength, ZoneId zone, Instant now) {
    Instant end = to == null || to.isBlank() ? now : instant("to", to, true, zone);
    Instant start = from == null || from.isBlank() ? end.minus(defaultLength) : instant("from", from, false, zone);
    return new Period(start, end);
  }

  private static Instant instant(String name, String value, boolean endOfDay, ZoneId zone) {
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException wrong) {
      throw new IllegalArgumentException(name + " '" + value + "' is not a date (2026-11-16) or a date-time with offset (2026-11-16T08:00:00-06:00)");
    }
  }

  Timestamp fromTimestamp() {
    return Timestamp.from(from);
  }

  Timestamp toTimestamp() {
    return Timestamp.from(to);
  }

  /** The same length of time just before this one: for week-over-week comparisons. */
  public Period previous() {
    return new Period(from.minus(Duration.between(from, to)), from);
  }
}
