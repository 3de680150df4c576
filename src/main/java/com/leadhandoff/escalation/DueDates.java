package com.leadhandoff.escalation;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The one place due dates are computed. Emergencies count wall-clock time; everything else counts
 * only time inside business hours, so a 15-minute SLA captured on Friday evening is due Monday
 * morning, and one captured the evening before Thanksgiving is due on the Friday. Business time is
 * real elapsed time, so an hour lost or gained to daylight saving inside the opening hours counts
 * as it happened. "Now" is the engine's clock, so tests move time with {@link ClockUtil}.
 */
@Component("dueDates")
public class DueDates {

  private final OpeningHours calendar;

  public DueDates(BusinessHoursProperties hours) {
    this.calendar = hours.openingHours();
  }

  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** Now plus an ISO-8601 duration such as PT15M, counted in business hours when they apply. */
  public Date fromNow(String isoDuration, boolean businessHours) {
    return Date.from(after(now(), parse(isoDuration), businessHours));
  }

  /**
   * The start plus the duration; in business hours the duration is used up only while the business
   * is open, and a due date that falls exactly on a closing time stays there.
   */
  public Instant after(Instant start, Duration duration, boolean businessHours) {
    if (!businessHours) {
      return start.plus(duration);
    }
    Duration remaining = duration;
    var open = calendar.openStretchFrom(start);
    while (remaining.compareTo(open.length()) > 0) {
      remaining = remaining.minus(open.length());
      open = calendar.openStretchFrom(open.until());
    }
    return open.from().plus(remaining);
  }

  /** Whether the business is open at that moment; a closing time itself is already closed. */
  public boolean isOpen(Instant moment) {
    return nextOpening(moment).equals(moment);
  }

  /**
   * The moment itself if the business is open then, otherwise the next time it opens.
   *
   * @throws IllegalStateException if it does not open within a year (366 days)
   */
  public Instant nextOpening(Instant moment) {
    return calendar.openStretchFrom(moment).from();
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
