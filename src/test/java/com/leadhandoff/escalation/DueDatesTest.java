package com.leadhandoff.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The business calendar. Most cases use an office open Monday to Friday 08:00-17:00 in Chicago,
 * like the default settings, with or without the default holidays and half days.
 */
class DueDatesTest {

  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final String PREFIX = "lead-handoff.business-hours.";

  private static final BusinessHoursProperties OFFICE = BusinessHoursProperties.of(CHICAGO, weekdays("08:00-17:00"));
  /** The default settings: Thanksgiving, Christmas and New Year closed, half days after Thanksgiving and on Christmas Eve. */
  private static final BusinessHoursProperties OFFICE_WITH_HOLIDAYS = OFFICE
      .withHolidays("2026-11-26", "2026-12-25", "2027-01-01")
      .withSpecialDay("2026-11-27", "08:00-12:00")
      .withSpecialDay("2026-12-24", "08:00-12:00");

  private final DueDates dueDates = new DueDates(OFFICE);

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
      captured exactly at closing  | 2026-11-24T17:00 | PT15M | 2026-11-25T08:15
      captured exactly at opening  | 2026-11-24T08:00 | PT15M | 2026-11-24T08:15
      Friday closing to Monday     | 2026-11-27T17:00 | PT1M  | 2026-11-30T08:01
      Saturday at midnight         | 2026-11-28T00:00 | PT15M | 2026-11-30T08:15
      Sunday just before midnight  | 2026-11-29T23:59 | PT15M | 2026-11-30T08:15
      a working week               | 2026-11-23T08:00 | PT45H | 2026-11-27T17:00
      """)
  void businessHoursCountOnlyOpeningTime(String story, String start, String duration, String expected) {
    assertThat(due(dueDates, start, duration)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1} + {2} is due {3}")
  @CsvSource(delimiter = '|', textBlock = """
      Friday evening to Saturday    | 2026-11-20T18:00 | PT1H  | 2026-11-21T10:00
      Friday afternoon to Saturday  | 2026-11-20T16:30 | PT1H  | 2026-11-21T09:30
      Saturday before opening       | 2026-11-21T07:00 | PT15M | 2026-11-21T09:15
      Saturday over its noon close  | 2026-11-21T11:30 | PT1H  | 2026-11-23T08:30
      Saturday afternoon            | 2026-11-21T13:00 | PT15M | 2026-11-23T08:15
      closed Sunday                 | 2026-11-22T10:00 | PT15M | 2026-11-23T08:15
      a week with its Saturday      | 2026-11-16T08:00 | PT48H | 2026-11-21T12:00
      """)
  void eachDayOfTheWeekHasItsOwnHours(String story, String start, String duration, String expected) {
    var weekly = new LinkedHashMap<>(weekdays("08:00-17:00"));
    weekly.put("Saturday", "09:00-12:00");
    weekly.put("sunday", "closed");
    var withSaturdayMornings = new DueDates(BusinessHoursProperties.of(CHICAGO, weekly));

    assertThat(due(withSaturdayMornings, start, duration)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1} + {2} is due {3}")
  @CsvSource(delimiter = '|', textBlock = """
      evening before Thanksgiving   | 2026-11-25T19:00 | PT15M | 2026-11-27T08:15
      over Thanksgiving             | 2026-11-25T16:30 | PT1H  | 2026-11-27T08:30
      captured on Thanksgiving      | 2026-11-26T10:00 | PT15M | 2026-11-27T08:15
      half day over its noon close  | 2026-11-27T11:30 | PT1H  | 2026-11-30T08:30
      half day ends exactly at noon | 2026-11-27T11:00 | PT1H  | 2026-11-27T12:00
      half day afternoon            | 2026-11-27T13:00 | PT15M | 2026-11-30T08:15
      into Christmas Eve            | 2026-12-23T16:00 | PT3H  | 2026-12-24T10:00
      Christmas Eve then Christmas  | 2026-12-24T11:00 | PT2H  | 2026-12-28T09:00
      over New Year                 | 2026-12-31T16:00 | PT2H  | 2027-01-04T09:00
      several days                  | 2026-11-23T09:00 | PT20H | 2026-11-25T11:00
      several days over holidays    | 2026-11-25T08:00 | PT15H | 2026-11-30T10:00
      two days of business time     | 2026-11-23T08:00 | P2D   | 2026-12-01T16:00
      """)
  void holidaysAreClosedAndHalfDaysCloseEarly(String story, String start, String duration, String expected) {
    assertThat(due(new DueDates(OFFICE_WITH_HOLIDAYS), start, duration)).isEqualTo(expected);
  }

  @Test
  void aSpecialDayCanOpenADayThatIsUsuallyClosed() {
    var openSaturday = new DueDates(OFFICE.withSpecialDay("2026-11-28", "10:00-14:00"));

    assertThat(due(openSaturday, "2026-11-27T16:30", "PT1H")).isEqualTo("2026-11-28T10:30");
    assertThat(due(openSaturday, "2026-11-28T13:30", "PT1H")).isEqualTo("2026-11-30T08:30");
  }

  /**
   * Open Sundays 00:00-06:00, so the daylight-saving jump at 02:00 falls inside the opening hours:
   * on 2026-03-08 the window is 5 real hours, on 2026-11-01 it is 7. Times carry their offset
   * because 01:00-02:00 happens twice on 2026-11-01.
   */
  @ParameterizedTest(name = "{0}: {1} + {2} is due {3}")
  @CsvSource(delimiter = '|', textBlock = """
      spring-forward window is 5h   | 2026-03-08T00:00-06:00 | PT5H   | 2026-03-08T06:00-05:00
      spring-forward window is over | 2026-03-08T00:00-06:00 | PT5H1M | 2026-03-15T00:01-05:00
      an hour across the jump       | 2026-03-08T01:30-06:00 | PT1H   | 2026-03-08T03:30-05:00
      captured on Saturday evening  | 2026-03-07T20:00-06:00 | PT2H   | 2026-03-08T03:00-05:00
      fall-back window is 7h        | 2026-11-01T00:00-05:00 | PT7H   | 2026-11-01T06:00-06:00
      fall-back 6h is not closing   | 2026-11-01T00:00-05:00 | PT6H   | 2026-11-01T05:00-06:00
      fall-back window is over      | 2026-11-01T00:00-05:00 | PT7H1M | 2026-11-08T00:01-06:00
      first 01:30 of the night      | 2026-11-01T00:30-05:00 | PT1H   | 2026-11-01T01:30-05:00
      second 01:30 of the night     | 2026-11-01T00:30-05:00 | PT2H   | 2026-11-01T01:30-06:00
      """)
  void daylightSavingInsideTheOpeningHoursCountsRealTime(String story, String start, String duration, String expected) {
    var sundayNights = new DueDates(BusinessHoursProperties.of(CHICAGO, Map.of("sunday", "00:00-06:00")));

    var due = sundayNights.after(OffsetDateTime.parse(start).toInstant(), Duration.parse(duration), true);

    assertThat(due.atZone(CHICAGO).toOffsetDateTime()).hasToString(expected);
  }

  @Test
  void emergenciesCountTheClockThroughTheNightAndAcrossDaylightSaving() {
    var saturdayNight = local("2026-03-08T01:55");
    var due = dueDates.after(saturdayNight, Duration.ofMinutes(10), false);
    assertThat(due.atZone(CHICAGO).toLocalDateTime()).hasToString("2026-03-08T03:05");
  }

  @ParameterizedTest(name = "{0}: open {1}, next opening {2}")
  @CsvSource(delimiter = '|', textBlock = """
      2026-11-24T10:00 | true  | 2026-11-24T10:00
      2026-11-24T08:00 | true  | 2026-11-24T08:00
      2026-11-24T07:59 | false | 2026-11-24T08:00
      2026-11-24T17:00 | false | 2026-11-25T08:00
      2026-11-25T17:30 | false | 2026-11-27T08:00
      2026-11-26T10:00 | false | 2026-11-27T08:00
      2026-11-27T11:59 | true  | 2026-11-27T11:59
      2026-11-27T12:00 | false | 2026-11-30T08:00
      2026-11-28T10:00 | false | 2026-11-30T08:00
      2026-12-24T13:00 | false | 2026-12-28T08:00
      2026-12-31T17:00 | false | 2027-01-04T08:00
      """)
  void isOpenAndNextOpening(String moment, boolean open, String nextOpening) {
    var calendar = new DueDates(OFFICE_WITH_HOLIDAYS);

    assertThat(calendar.isOpen(local(moment))).isEqualTo(open);
    assertThat(calendar.nextOpening(local(moment))).isEqualTo(local(nextOpening));
  }

  @Test
  void hoursUntil24CloseAtMidnightAndRunIntoTheNextDay() {
    var lateShift = new DueDates(BusinessHoursProperties.of(CHICAGO, Map.of("SUNDAY", "18:00-24:00", "monday", "00:00-06:00")));

    assertThat(due(lateShift, "2026-11-29T23:30", "PT1H")).isEqualTo("2026-11-30T00:30");
    assertThat(lateShift.isOpen(local("2026-11-30T00:00"))).isTrue();
    assertThat(lateShift.isOpen(local("2026-11-30T06:00"))).isFalse();
  }

  @Test
  void aLongRunOfHolidaysIsSkipped() {
    String[] tenMonths = LocalDate.parse("2027-01-01").datesUntil(LocalDate.parse("2027-11-01"))
        .map(LocalDate::toString).toArray(String[]::new);
    var sabbatical = new DueDates(OFFICE.withHolidays(tenMonths));

    assertThat(sabbatical.nextOpening(local("2026-12-31T18:00"))).isEqualTo(local("2027-11-01T08:00"));
  }

  @Test
  void noOpeningWithinAYearIsAClearError() {
    String[] everyMonday = Stream.iterate(LocalDate.parse("2027-01-04"), day -> day.plusWeeks(1)).limit(60)
        .map(LocalDate::toString).toArray(String[]::new);
    var mondaysOnly = new DueDates(BusinessHoursProperties.of(CHICAGO, Map.of("monday", "08:00-17:00"))
        .withHolidays(everyMonday));

    assertThatThrownBy(() -> mondaysOnly.nextOpening(local("2027-01-01T10:00")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("never open in the 366 days after 2027-01-01")
        .hasMessageContaining("lead-handoff.business-hours");
    assertThatThrownBy(() -> mondaysOnly.after(local("2027-01-01T10:00"), Duration.ofMinutes(15), true))
        .isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest(name = "weekly.{0}: \"{1}\" is refused")
  @CsvSource(delimiter = '|', textBlock = """
      saturday | 9-12        | weekly.saturday: "9-12" is not HH:mm-HH:mm
      saturday | 09:00-25:00 | weekly.saturday: "09:00-25:00" is not HH:mm-HH:mm
      saturday | 09:00       | weekly.saturday: "09:00" is not HH:mm-HH:mm
      saturday | 12:00-09:00 | weekly.saturday: "12:00-09:00" opens at 12:00, not before it closes at 09:00
      saturday | 09:00-09:00 | weekly.saturday: "09:00-09:00" opens at 09:00, not before it closes at 09:00
      saturday | 18:00-00:00 | weekly.saturday: "18:00-00:00" opens at 18:00, not before it closes at 00:00 (write 24:00 for midnight)
      funday   | 09:00-12:00 | weekly.funday: "funday" is not a day
      Monday   | 09:00-12:00 | weekly.Monday: monday is given twice
      """)
  void aWrongWeeklyValueStopsStartupWithTheSettingAndTheValue(String day, String hours, String message) {
    var weekly = new LinkedHashMap<>(weekdays("08:00-17:00"));
    weekly.put(day, hours);

    assertThatThrownBy(() -> BusinessHoursProperties.of(CHICAGO, weekly))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(PREFIX + message);
  }

  @Test
  void aWeekWithoutOpenHoursIsRefused() {
    var allClosed = Map.of("monday", "closed", "tuesday", "");

    assertThatThrownBy(() -> BusinessHoursProperties.of(CHICAGO, allClosed))
        .hasMessageContaining(PREFIX + "weekly: no open hours on any day of the week");
    assertThatThrownBy(() -> BusinessHoursProperties.of(CHICAGO, Map.of()))
        .hasMessageContaining(PREFIX + "weekly: no open hours on any day of the week");
    assertThatThrownBy(() -> BusinessHoursProperties.of(null, weekdays("08:00-17:00")))
        .hasMessageContaining(PREFIX + "zone is missing");
  }

  @Test
  void aWrongDateOrSpecialDayIsRefusedWithTheSettingAndTheValue() {
    assertThatThrownBy(() -> OFFICE.withHolidays("2026-12-25", "26/11/2026"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(PREFIX + "holidays[1]: \"26/11/2026\" is not a date yyyy-MM-dd");
    assertThatThrownBy(() -> OFFICE.withHolidays("2026-02-30"))
        .hasMessageContaining(PREFIX + "holidays[0]: \"2026-02-30\" is not a date yyyy-MM-dd");
    assertThatThrownBy(() -> OFFICE.withSpecialDay("Dec 24", "08:00-12:00"))
        .hasMessageContaining(PREFIX + "special-days[0].date: \"Dec 24\" is not a date yyyy-MM-dd");
    assertThatThrownBy(() -> OFFICE.withSpecialDay("2026-12-24", "8-12"))
        .hasMessageContaining(PREFIX + "special-days[0].hours: \"8-12\" is not HH:mm-HH:mm");
    assertThatThrownBy(() -> OFFICE.withSpecialDay("2026-12-24", null))
        .hasMessageContaining(PREFIX + "special-days[0].hours is missing");
    assertThatThrownBy(() -> OFFICE.withSpecialDay("2026-12-24", "08:00-12:00").withSpecialDay("2026-12-24", "09:00-11:00"))
        .hasMessageContaining(PREFIX + "special-days[1].date: 2026-12-24 is listed twice");
    assertThatThrownBy(() -> OFFICE.withHolidays("2026-12-24").withSpecialDay("2026-12-24", "08:00-12:00"))
        .hasMessageContaining(PREFIX + "special-days[0].date: 2026-12-24 is also a holiday");
  }

  @Test
  void dayNamesInAnyCaseClosedDaysAndSpacesAreAccepted() {
    var weekly = Map.of("MONDAY", " 08:00 - 17:00 ", "Tuesday", "closed", "wednesday", "CLOSED");
    var calendar = new DueDates(BusinessHoursProperties.of(CHICAGO, weekly));

    assertThat(calendar.nextOpening(local("2026-11-24T10:00"))).isEqualTo(local("2026-11-30T08:00"));
  }

  @Test
  void aDurationThatIsNotIsoIsRefusedWithTheValue() {
    assertThatThrownBy(() -> DueDates.parse("15 minutes")).hasMessageContaining("'15 minutes'");
    assertThatThrownBy(() -> DueDates.parse("PT0M")).hasMessageContaining("must be positive");
  }

  private static Map<String, String> weekdays(String hours) {
    var weekly = new LinkedHashMap<String, String>();
    List.of("monday", "tuesday", "wednesday", "thursday", "friday").forEach(day -> weekly.put(day, hours));
    return weekly;
  }

  /** The due date, as Chicago wall time, of a business-hours duration starting at a Chicago wall time. */
  private static String due(DueDates calendar, String start, String duration) {
    var due = calendar.after(local(start), Duration.parse(duration), true);
    return due.atZone(CHICAGO).toLocalDateTime().toString();
  }

  private static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(CHICAGO).toInstant();
  }
}
