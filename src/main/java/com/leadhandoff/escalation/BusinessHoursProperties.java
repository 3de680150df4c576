package com.leadhandoff.escalation;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** When the office is open; non-emergency SLAs only count time inside these hours. */
@ConfigurationProperties("lead-handoff.business-hours")
public record BusinessHoursProperties(ZoneId zone, Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {

  public BusinessHoursProperties {
    if (zone == null || days == null || days.isEmpty() || opens == null || closes == null || !opens.isBefore(closes)) {
      throw new IllegalArgumentException(
          "lead-handoff.business-hours needs a zone, at least one day, and opens before closes");
    }
  }
}
