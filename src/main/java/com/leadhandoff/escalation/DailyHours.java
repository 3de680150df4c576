package com.leadhandoff.escalation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * One day's opening hours as the business publishes them: local wall-clock times such as
 * 08:00-17:00. They only become real moments for a given date, because a day that contains a
 * daylight-saving change is an hour shorter or longer than its sign says, and SLAs count real time.
 * A wall time skipped by the clock moves forward by the jump; one that happens twice means the
 * first. {@code 24:00} closes at midnight, the start of the next day, and is held as
 * {@link LocalTime#MIDNIGHT}.
 */
record DailyHours(LocalTime opens, LocalTime closes) {

  private static final Pattern FORMAT = Pattern.compile("(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})");
  private static final String END_OF_DAY = "24:00";

  /** Reads "HH:mm-HH:mm"; {@code property} names the setting in the message when the text is wrong. */
  static DailyHours parse(String property, String text) {
    if (text == null) {
      throw new IllegalArgumentException(property + " is missing, e.g. \"08:00-17:00\"");
    }
    var matcher = FORMAT.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(property + ": \"" + text + "\" is not HH:mm-HH:mm");
    }
    try {
      LocalTime opens = LocalTime.parse(matcher.group(1));
      boolean untilMidnight = END_OF_DAY.equals(matcher.group(2));
      LocalTime closes = untilMidnight ? LocalTime.MIDNIGHT : LocalTime.parse(matcher.group(2));
      if (!untilMidnight && !opens.isBefore(closes)) {
        String hint = closes.equals(LocalTime.MIDNIGHT) ? " (write 24:00 for midnight)" : "";
        throw new IllegalArgumentException(
            property + ": \"" + text + "\" opens at " + opens + ", not before it closes at " + closes + hint);
      }
      return new DailyHours(opens, closes);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(property + ": \"" + text + "\" is not HH:mm-HH:mm", e);
    }
  }

  Instant opening(LocalDate date, ZoneId zone) {
    return date.atTime(opens).atZone(zone).toInstant();
  }

  Instant closing(LocalDate date, ZoneId zone) {
    return closesAtMidnight()
        ? date.plusDays(1).atStartOfDay(zone).toInstant()
        : date.atTime(closes).atZone(zone).toInstant();
  }

  private boolean closesAtMidnight() {
    return closes.equals(LocalTime.MIDNIGHT);
  }

  @Override
  public String toString() {
    return opens + "-" + (closesAtMidnight() ? END_OF_DAY : closes.toString());
  }
}
