package com.leadhandoff.escalation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The business calendar, already checked: which real stretches of time the business is open. A
 * holiday is closed all day, a special day has its own hours instead of its weekday's, and every
 * other date follows the weekly hours. Dates are the business's local dates in its zone.
 */
final class OpeningHours {

  /** How far ahead to look for an opening: a year, so a long run of holidays is still skipped. */
  static final int SEARCH_DAYS = 366;

  private final ZoneId zone;
  private final Map<DayOfWeek, DailyHours> weekly;
  private final Set<LocalDate> holidays;
  private final Map<LocalDate, DailyHours> specialDays;

  OpeningHours(ZoneId zone, Map<DayOfWeek, DailyHours> weekly, Set<LocalDate> holidays,
      Map<LocalDate, DailyHours> specialDays) {
    this.zone = zone;
    this.weekly = new EnumMap<>(DayOfWeek.class);
    this.weekly.putAll(weekly);
    this.holidays = Set.copyOf(holidays);
    this.specialDays = Map.copyOf(specialDays);
  }

  /** A date's hours, or empty when the business is closed all that day. */
  Optional<DailyHours> hoursOn(LocalDate date) {
    if (holidays.contains(date)) {
      return Optional.empty();
    }
    return Optional.ofNullable(specialDays.getOrDefault(date, weekly.get(date.getDayOfWeek())));
  }

  /**
   * The open stretch the moment falls in, starting at the moment itself, or else the next one.
   * Each date's hours are one stretch, ending at its closing time.
   */
  OpenStretch openStretchFrom(Instant moment) {
    LocalDate today = moment.atZone(zone).toLocalDate();
    for (int day = 0; day <= SEARCH_DAYS; day++) {
      LocalDate date = today.plusDays(day);
      var hours = hoursOn(date);
      if (hours.isEmpty()) {
        continue;
      }
      Instant opening = hours.get().opening(date, zone);
      Instant closing = hours.get().closing(date, zone);
      if (moment.isBefore(closing) && opening.isBefore(closing)) {
        return new OpenStretch(opening.isAfter(moment) ? opening : moment, closing);
      }
    }
    throw new IllegalStateException("The business is never open in the " + SEARCH_DAYS + " days after "
        + moment.atZone(zone).toLocalDate() + ": check lead-handoff.business-hours (weekly, holidays, special-days)");
  }

  /** Real time the business is open without a break, from {@code from} until {@code until}. */
  record OpenStretch(Instant from, Instant until) {

    Duration length() {
      return Duration.between(from, until);
    }
  }
}
