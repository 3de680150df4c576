package com.leadhandoff.escalation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The one place due dates are computed. Emergencies count wall-clock time; everything else counts
 * only time inside business hours, so a 15-minute SLA captured on Friday evening is due Monday
 * morning. "Now" is the engine's clock, so tests move time with {@link ClockUtil}.
 */
@Component("dueDates")
public class DueDates {

  private final BusinessHoursProperties hours;

  public DueDates(BusinessHoursProperties hours) {
    this.hours = hours;
  }

  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** Now plus an ISO-8601 duration such as PT15M, counted in business hours when they apply. */
  public Date fromNow(String isoDuration, boolean businessHours) {
    return Date.from(after(now(), parse(isoDuration), businessHours));
  }

  public Instant after(Instant start, Duration duration, boolean businessHours) {
    if (!businessHours) {
      return start.plus(duration);
    }
    ZonedDateTime cursor = nextOpenMoment(start.atZone(hours.zone()));
    Duration remaining = duration;
    while (true) {
      ZonedDateTime closing = cursor.toLocalDate().atTime(hours.closes()).atZone(hours.zone());
      Duration openLeftToday = Duration.between(cursor, closing);
      if (remaining.compareTo(openLeftToday) <= 0) {
        return cursor.plus(remaining).toInstant();
      }
      remaining = remaining.minus(openLeftToday);
      cursor = nextOpenMoment(closing);
    }
  }

  /** The moment itself if the office is open then, otherwise the next opening. */
  ZonedDateTime nextOpenMoment(ZonedDateTime moment) {
    for (int day = 0; day <= 7; day++) {
      var date = moment.toLocalDate().plusDays(day);
      if (!hours.days().contains(date.getDayOfWeek())) {
        continue;
      }
      ZonedDateTime opening = date.atTime(hours.opens()).atZone(hours.zone());
      ZonedDateTime closing = date.atTime(hours.closes()).atZone(hours.zone());
      if (moment.isBefore(closing)) {
        return moment.isAfter(opening) ? moment : opening;
      }
    }
    throw new IllegalStateException("No opening hours within a week: check lead-handoff.business-hours");
  }

  public static Duration parse(String isoDuration) {
    try {
      Duration duration = Duration.parse(isoDuration);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("Duration must be positive, got '" + isoDuration + "'");
      }
      return duration;
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("Not an ISO-8601 duration such as PT15M: '" + isoDuration + "'", e);
    }
  }
}
