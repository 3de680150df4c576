package com.leadhandoff.escalation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When the business is open; non-emergency SLAs only count time inside these hours. The values
 * stay the text people typed, and are checked here so a wrong one stops the application at start
 * with the setting and the value in the message, rather than giving wrong due dates later.
 *
 * @param zone the business's time zone; all hours and dates are local to it
 * @param weekly hours per day of the week, such as {@code monday: "08:00-17:00"}; day names in any
 *     case, a day left out (or {@code "closed"}) is closed, {@code 24:00} closes at midnight
 * @param holidays dates (yyyy-MM-dd) closed all day
 * @param specialDays dates with their own hours instead of their weekday's, such as half days
 */
@ConfigurationProperties(BusinessHoursProperties.PREFIX)
public record BusinessHoursProperties(ZoneId zone, Map<String, String> weekly, List<String> holidays,
    List<SpecialDay> specialDays) {

  static final String PREFIX = "lead-handoff.business-hours";
  private static final String CLOSED = "closed";

  /** A date with its own opening hours, such as Christmas Eve 08:00-12:00. */
  public record SpecialDay(String date, String hours) {}

  public BusinessHoursProperties {
    weekly = weekly == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(weekly));
    holidays = holidays == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(holidays));
    specialDays = specialDays == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(specialDays));
    openingHours(zone, weekly, holidays, specialDays);
  }

  /** Weekly hours only, no holidays or special days; add them with the {@code with...} methods. */
  public static BusinessHoursProperties of(ZoneId zone, Map<String, String> weekly) {
    return new BusinessHoursProperties(zone, weekly, List.of(), List.of());
  }

  /** The same calendar with these dates (yyyy-MM-dd) closed as well. */
  public BusinessHoursProperties withHolidays(String... dates) {
    var more = Stream.concat(holidays.stream(), Stream.of(dates)).toList();
    return new BusinessHoursProperties(zone, weekly, more, specialDays);
  }

  /** The same calendar with one more date that has its own hours, such as "08:00-12:00". */
  public BusinessHoursProperties withSpecialDay(String date, String hours) {
    var more = Stream.concat(specialDays.stream(), Stream.of(new SpecialDay(date, hours))).toList();
    return new BusinessHoursProperties(zone, weekly, holidays, more);
  }

  /** The checked calendar these settings describe. */
  OpeningHours openingHours() {
    return openingHours(zone, weekly, holidays, specialDays);
  }

  private static OpeningHours openingHours(ZoneId zone, Map<String, String> weekly, List<String> holidays,
      List<SpecialDay> specialDays) {
    if (zone == null) {
      throw new IllegalArgumentException(PREFIX + ".zone is missing, e.g. America/Chicago");
    }
    Set<LocalDate> closedDates = parseHolidays(holidays);
    return new OpeningHours(zone, parseWeekly(weekly), closedDates, parseSpecialDays(specialDays, closedDates));
  }

  private static Map<DayOfWeek, DailyHours> parseWeekly(Map<String, String> weekly) {
    Set<DayOfWeek> named = new HashSet<>();
    Map<DayOfWeek, DailyHours> open = new EnumMap<>(DayOfWeek.class);
    weekly.forEach((name, hours) -> {
      String property = PREFIX + ".weekly." + name;
      DayOfWeek day = dayNamed(property, name);
      if (!named.add(day)) {
        throw new IllegalArgumentException(property + ": " + day.toString().toLowerCase(Locale.ROOT) + " is given twice");
      }
      if (hours != null && !hours.isBlank() && !CLOSED.equalsIgnoreCase(hours.trim())) {
        open.put(day, DailyHours.parse(property, hours));
      }
    });
    if (open.isEmpty()) {
      throw new IllegalArgumentException(PREFIX + ".weekly: no open hours on any day of the week, "
          + "give at least one such as monday: \"08:00-17:00\"");
    }
    return open;
  }

  private static DayOfWeek dayNamed(String property, String name) {
    try {
      return DayOfWeek.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(property + ": \"" + name + "\" is not a day, use monday ... sunday", e);
    }
  }

  private static Set<LocalDate> parseHolidays(List<String> holidays) {
    Set<LocalDate> dates = new HashSet<>();
    for (int i = 0; i < holidays.size(); i++) {
      dates.add(date(PREFIX + ".holidays[" + i + "]", holidays.get(i)));
    }
    return dates;
  }

  private static Map<LocalDate, DailyHours> parseSpecialDays(List<SpecialDay> specialDays, Set<LocalDate> holidays) {
    Map<LocalDate, DailyHours> days = new HashMap<>();
    for (int i = 0; i < specialDays.size(); i++) {
      String property = PREFIX + ".special-days[" + i + "]";
      SpecialDay special = specialDays.get(i) == null ? new SpecialDay(null, null) : specialDays.get(i);
      LocalDate date = date(property + ".date", special.date());
      if (holidays.contains(date)) {
        throw new IllegalArgumentException(property + ".date: " + date + " is also a holiday; keep only one");
      }
      if (days.put(date, DailyHours.parse(property + ".hours", special.hours())) != null) {
        throw new IllegalArgumentException(property + ".date: " + date + " is listed twice");
      }
    }
    return days;
  }

  private static LocalDate date(String property, String text) {
    if (text == null) {
      throw new IllegalArgumentException(property + " is missing, e.g. \"2026-12-25\"");
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(property + ": \"" + text + "\" is not a date yyyy-MM-dd", e);
    }
  }
}
