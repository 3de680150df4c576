package com.leadhandoff.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The business calendar: open Monday to Friday 08:00-17:00 in Chicago, like the default settings. */
class DueDatesTest {

  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private final DueDates dueDates = new DueDates(new BusinessHoursProperties(CHICAGO,
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(17, 0)));

  @ParameterizedTest(name = "{0}: {1} + {2} is due {3}")
  @CsvSource(delimiter = '|', textBlock = """
      inside hours                 | 2026-11-24T10:00 | PT15M | 2026-11-24T10:15
      ends exactly at closing      | 2026-11-24T16:45 | PT15M | 2026-11-24T17:00
      runs over closing            | 2026-11-24T16:50 | PT15M | 2026-11-25T08:05
      captured in the evening      | 2026-11-24T19:30 | PT15M | 2026-11-25T08:15
      captured before opening      | 2026-11-24T06:00 | PT1H  | 2026-11-24T09:00
      Friday evening to Monday     | 2026-11-27T18:30 | PT15M | 2026-11-30T08:15
      Friday afternoon over weekend| 2026-11-27T16:00 | PT4H  | 2026-11-30T11:00
      captured on Sunday           | 2026-11-29T12:00 | PT8H  | 2026-11-30T16:00
      a full working day           | 2026-11-24T08:00 | PT9H  | 2026-11-24T17:00
      spring-forward weekend       | 2026-03-06T16:30 | PT1H  | 2026-03-09T08:30
      fall-back weekend            | 2026-10-30T16:30 | PT1H  | 2026-11-02T08:30
      """)
  void businessHoursCountOnlyOpeningTime(String story, String start, String duration, String expected) {
    var due = dueDates.after(local(start).toInstant(), Duration.parse(duration), true);
    assertThat(due.atZone(CHICAGO).toLocalDateTime()).hasToString(expected);
  }

  @Test
  void emergenciesCountTheClockThroughTheNightAndAcrossDaylightSaving() {
    var saturdayNight = local("2026-03-08T01:55");
    var due = dueDates.after(saturdayNight.toInstant(), Duration.ofMinutes(10), false);
    assertThat(due.atZone(CHICAGO).toLocalDateTime()).hasToString("2026-03-08T03:05");
  }

  @Test
  void aDurationThatIsNotIsoIsRefusedWithTheValue() {
    assertThatThrownBy(() -> DueDates.parse("15 minutes")).hasMessageContaining("'15 minutes'");
    assertThatThrownBy(() -> DueDates.parse("PT0M")).hasMessageContaining("must be positive");
  }

  private static ZonedDateTime local(String dateTime) {
    return java.time.LocalDateTime.parse(dateTime).atZone(CHICAGO);
  }
}
