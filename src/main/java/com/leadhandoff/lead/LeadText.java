package com.leadhandoff.lead;

import com.leadhandoff.escalation.BusinessHoursProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Wording of times, durations and problems for people reading a task, in the business's time zone. */
@Component
public class LeadText {

  private static final int SUMMARY_LENGTH = 40;
  /** Camunda keeps a text variable in a 4000-character column; longer text would fail the whole step. */
  public static final int VARIABLE_LIMIT = 4000;
  private static final String CUT = " […]";
  private final DateTimeFormatter timeFormat;

  public LeadText(BusinessHoursProperties businessHours) {
    this.timeFormat = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm z", Locale.ENGLISH).withZone(businessHours.zone());
  }

  /** The text, shortened at the end to fit a process variable. */
  public static String fitted(String text) {
    if (text == null || text.length() <= VARIABLE_LIMIT) {
      return text;
    }
    return text.substring(0, VARIABLE_LIMIT - CUT.length()) + CUT;
  }

  /** The text, shortened at the start to fit a process variable: for logs that grow at the end. */
  public static String fittedKeepingEnd(String text) {
    if (text == null || text.length() <= VARIABLE_LIMIT) {
      return text;
    }
    return CUT.strip() + " " + text.substring(text.length() - (VARIABLE_LIMIT - CUT.length()));
  }

  public String time(Instant instant) {
    return instant == null ? null : timeFormat.format(instant);
  }

  public String time(Date date) {
    return date == null ? null : time(date.toInstant());
  }

  /** "15 minutes", "2 hours", "1 hour 30 minutes". */
  public static String duration(Duration duration) {
    long hours = duration.toHours();
    long minutes = duration.toMinutesPart();
    StringBuilder text = new StringBuilder();
    if (hours > 0) {
      text.append(hours).append(hours == 1 ? " hour" : " hours");
    }
    if (minutes > 0 || hours == 0) {
      text.append(text.isEmpty() ? "" : " ").append(minutes).append(minutes == 1 ? " minute" : " minutes");
    }
    return text.toString();
  }

  /** The first clause of the customer's words, short enough for a task name. */
  public static String summary(String problem) {
    if (problem == null || problem.isBlank()) {
      return null;
    }
    String firstClause = problem.strip().split("[.,;:!?\\n]", 2)[0].strip();
    if (firstClause.length() <= SUMMARY_LENGTH) {
      return firstClause;
    }
    int cut = firstClause.lastIndexOf(' ', SUMMARY_LENGTH);
    return firstClause.substring(0, cut > 0 ? cut : SUMMARY_LENGTH) + "…";
  }
}
