package com.leadhandoff.ownership;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;

/** Times typed into Camunda Forms arrive as ISO text, with or without an offset; without one they are business time. */
final class FormTimes {

  private FormTimes() {}

  static Instant instant(Object value, String label, ZoneId businessZone) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value == null || value.toString().isBlank()) {
      throw new ProcessEngineException(label + " is required");
    }
    String text = value.toString().strip();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).atZone(businessZone).toInstant();
      } catch (DateTimeParseException e) {
        throw new ProcessEngineException(label + " '" + text + "' is not a date and time");
      }
    }
  }

  static LocalDate date(Object value, String label) {
    if (value == null || value.toString().isBlank()) {
      throw new ProcessEngineException(label + " is required");
    }
    String text = value.toString().strip();
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw new ProcessEngineException(label + " '" + text + "' is not a date");
    }
  }
}
