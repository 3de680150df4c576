package com.leadhandoff.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The weekly review of one ISO week (Monday to Sunday in the business's time zone): speed to lead
 * (capture to the first contact or contact attempt) in bands per source, class and owner; the
 * leads accepted after their SLA or still waiting past it; declines and their reasons; the steps
 * where leads waited longest; and how the week compares with the one before. Rendered as a
 * printable HTML page with bar charts, and as CSV.
 */
@Component
public class WeeklyReview {

  /** Where a lead waits for people or time, not for the engine. */
  private static final java.util.Set<String> WAITING_STEPS = java.util.Set.of("userTask", "receiveTask", "intermediateTimer",
      "intermediateMessageCatch", "intermediateSignalCatch", "intermediateConditional");
  static final List<String> BANDS = List.of("0-5 min", "5-15 min", "15-60 min", "60+ min", "not contacted");
  private static final String[] BAND_COLOURS = {"#2e7d32", "#9ccc65", "#ffb300", "#e53935", "#9e9e9e"};
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  /** A lead accepted after its deadline, or waiting past it at the end of the week. */
  public record Breach(String leadId, String leadClass, String ownerGroup, Instant capturedAt, Instant acceptDue, Instant acceptedAt,
      String acceptedBy) {}

  /** A figure this week and the week before (null: nothing to measure); higherIsBetter says which way is good news. */
  public record Change(String figure, Double thisWeek, Double lastWeek, boolean higherIsBetter) {}

  public record Review(String week, Instant from, Instant to, int leads, Map<String, long[]> bySource, Map<String, long[]> byClass,
      Map<String, long[]> byOwner, List<Breach> breaches, Map<String, Long> declinesByReason, Map<String, Long> declinesByPerson,
      List<Heatmap.Step> longestWaits, List<Change> weekOverWeek) {}

  private final LeadFacts facts;
  private final Heatmap heatmap;
  private final JdbcTemplate jdbc;

  public WeeklyReview(LeadFacts facts, Heatmap heatmap, JdbcTemplate jdbc) {
    this.facts = facts;
    this.heatmap = heatmap;
    this.jdbc = jdbc;
  }

  /** "2026-W47" for the week holding this moment. */
  public static String weekOf(Instant moment, ZoneId zone) {
    LocalDate day = moment.atZone(zone).toLocalDate();
    return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** The week's Monday-to-Monday span in the zone; refuses anything but yyyy-Www. */
  public static Period period(String week, ZoneId zone) {
    try {
      if (!week.matches("\\d{4}-W\\d{2}")) {
        throw new DateTimeParseException("", week, 0);
      }
      LocalDate monday = LocalDate.parse(week + "-1", DateTimeFormatter.ISO_WEEK_DATE);
      return new Period(monday.atStartOfDay(zone).toInstant(), monday.plusWeeks(1).atStartOfDay(zone).toInstant());
    } catch (DateTimeParseException wrong) {
      throw new IllegalArgumentException("week '" + week + "' is not an ISO week such as 2026-W47");
    }
  }

  public Review build(String week, ZoneId zone, Instant now) {
    Period period = period(week, zone);
    Instant asOf = now.isBefore(period.to()) ? now : period.to();
    List<LeadFacts.Lead> leads = facts.of(period);
    List<LeadFacts.Lead> before = facts.of(period.previous());
    List<Breach> breaches = leads.stream().filter(l -> l.breached(asOf))
        .map(l -> new Breach(l.leadId(), l.leadClass(), l.ownerGroup(), l.capturedAt(), l.acceptDue(), l.acceptedAt(), l.acceptedBy()))
        .toList();
    List<Heatmap.Step> waits = heatmap.steps(period, null).stream().filter(s -> s.p90Seconds() != null)
        .filter(s -> WAITING_STEPS.contains(s.type()))
        .sorted(Comparator.comparing(Heatmap.Step::p90Seconds).reversed()).limit(5).toList();
    Map<String, Long> declinesByPerson = declines(period, "user_id");
    List<Change> changes = List.of(
        new Change("Leads captured", (double) leads.size(), (double) before.size(), true),
        new Change("Median minutes to first contact", median(leads, LeadFacts.Lead::minutesToContact),
            median(before, LeadFacts.Lead::minutesToContact), false),
        new Change("Median minutes to accept", median(leads, LeadFacts.Lead::minutesToAccept), median(before, LeadFacts.Lead::minutesToAccept), false),
        new Change("Contacted within 15 minutes (share)", withinMinutes(leads, 15), withinMinutes(before, 15), true),
        new Change("SLA breaches", (double) breaches.size(), (double) before.stream().filter(l -> l.breached(period.from())).count(), false),
        new Change("Declines", (double) declinesByPerson.values().stream().mapToLong(Long::longValue).sum(),
            (double) declines(period.previous(), "user_id").values().stream().mapToLong(Long::longValue).sum(), false));
    return new Review(week, period.from(), period.to(), leads.size(), bands(leads, l -> orNone(l.source())),
        bands(leads, l -> orNone(l.leadClass())), bands(leads, l -> l.acceptedBy() == null ? "(not accepted)" : l.acceptedBy()), breaches,
        declines(period, "reason_code"), declinesByPerson, waits, changes);
  }

  static int band(Double minutes) {
    if (minutes == null) {
      return 4;
    }
    return minutes < 5 ? 0 : minutes < 15 ? 1 : minutes < 60 ? 2 : 3;
  }

  private static Map<String, long[]> bands(List<LeadFacts.Lead> leads, Function<LeadFacts.Lead, String> group) {
    Map<String, long[]> bands = new TreeMap<>();
    for (LeadFacts.Lead lead : leads) {
      bands.computeIfAbsent(group.apply(lead), g -> new long[BANDS.size()])[band(lead.minutesToContact())]++;
    }
    return bands;
  }

  private static Double median(List<LeadFacts.Lead> leads, Function<LeadFacts.Lead, Double> minutes) {
    return Percentiles.of(leads.stream().map(minutes).filter(m -> m != null).toList(), 0.5);
  }

  private static Double withinMinutes(List<LeadFacts.Lead> leads, double limit) {
    return leads.isEmpty() ? null
        : leads.stream().filter(l -> l.minutesToContact() != null && l.minutesToContact() < limit).count() / (double) leads.size();
  }

  private Map<String, Long> declines(Period period, String column) {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.query("select " + column + ", count(*) from lh_decline where declined_at >= ? and declined_at < ? group by " + column, rs -> {
      counts.put(rs.getString(1), rs.getLong(2));
    }, period.fromTimestamp(), period.toTimestamp());
    return counts;
  }

  private static String orNone(String value) {
    return value == null ? "(none)" : value;
  }

  // ---- CSV ------------------------------------------------------------------------------------

  public String csv(Review review) {
    StringBuilder csv = new StringBuilder("section,group,measure,value\n");
    row(csv, "review", review.week(), "leads captured", review.leads());
    review.bySource().forEach((group, counts) -> bandRows(csv, "speed to lead by source", group, counts));
    review.byClass().forEach((group, counts) -> bandRows(csv, "speed to lead by class", group, counts));
    review.byOwner().forEach((group, counts) -> bandRows(csv, "speed to lead by owner", group, counts));
    for (Breach breach : review.breaches()) {
      row(csv, "sla breach", breach.leadId(), breach.leadClass() + " due " + breach.acceptDue(),
          breach.acceptedAt() == null ? "not accepted" : "accepted " + breach.acceptedAt() + " by " + breach.acceptedBy());
    }
    review.declinesByReason().forEach((reason, count) -> row(csv, "declines by reason", reason, "declines", count));
    review.declinesByPerson().forEach((person, count) -> row(csv, "declines by person", person, "declines", count));
    for (Heatmap.Step step : review.longestWaits()) {
      row(csv, "longest waits", step.name() == null ? step.activityId() : step.name(), "p90 minutes", round(step.p90Seconds() / 60));
      row(csv, "longest waits", step.name() == null ? step.activityId() : step.name(), "median minutes", round(step.medianSeconds() / 60));
    }
    for (Change change : review.weekOverWeek()) {
      row(csv, "week over week", change.figure(), "this week", change.thisWeek() == null ? "" : round(change.thisWeek()));
      row(csv, "week over week", change.figure(), "last week", change.lastWeek() == null ? "" : round(change.lastWeek()));
    }
    return csv.toString();
  }

  private static void bandRows(StringBuilder csv, String section, String group, long[] counts) {
    for (int i = 0; i < BANDS.size(); i++) {
      row(csv, section, group, BANDS.get(i), counts[i]);
    }
  }

  private static void row(StringBuilder csv, String section, String group, String measure, Object value) {
    csv.append(cell(section)).append(',').append(cell(group)).append(',').append(cell(measure)).append(',').append(cell(String.valueOf(value)))
        .append('\n');
  }

  private static String cell(String text) {
    String safe = text != null && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+(\\.\\d+)?") ? "'" + text : text;
    return safe == null ? "" : safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
        ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
  }

  private static String round(double value) {
    return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
  }

  // ---- HTML -----------------------------------------------------------------------------------

  public String html(Review review, ZoneId zone) {
    StringBuilder html = new StringBuilder();
    String title = "Lead handoff weekly review " + review.week();
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title)).append("</title><style>")
        .append("body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:60rem;color:#222;padding:0 1rem}")
        .append("h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}")
        .append("table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eee;font-size:.9rem}")
        .append("td.n,th.n{text-align:right}.muted{color:#666}.legend span{display:inline-block;margin-right:1rem;font-size:.85rem}")
        .append(".legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}")
        .append(".worse{color:#c62828}.better{color:#2e7d32}@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}}")
        .append("</style></head><body>");
    html.append("<h1>").append(escape(title)).append("</h1><p class=\"muted\">").append(DAY.format(review.from().atZone(zone))).append(" to ")
        .append(DAY.format(review.to().atZone(zone).minusDays(1))).append(" (").append(escape(zone.getId())).append("). ")
        .append(review.leads()).append(review.leads() == 1 ? " lead" : " leads").append(" captured.</p>");

    html.append("<h2>Week over week</h2><table><tr><th>Figure</th><th class=\"n\">This week</th><th class=\"n\">Last week</th><th class=\"n\">Change</th></tr>");
    for (Change change : review.weekOverWeek()) {
      html.append("<tr><td>").append(escape(change.figure())).append("</td><td class=\"n\">").append(shown(change.thisWeek()))
          .append("</td><td class=\"n\">").append(shown(change.lastWeek())).append("</td><td class=\"n\">").append(delta(change)).append("</td></tr>");
    }
    html.append("</table>");

    html.append("<h2>Speed to lead</h2><p class=\"muted\">From capture to the first contact or contact attempt.</p><p class=\"legend\">");
    for (int i = 0; i < BANDS.size(); i++) {
      html.append("<span><i style=\"background:").append(BAND_COLOURS[i]).append("\"></i>").append(BANDS.get(i)).append("</span>");
    }
    html.append("</p>");
    bandChart(html, "By source", review.bySource());
    bandChart(html, "By class", review.byClass());
    bandChart(html, "By owner (who accepted)", review.byOwner());

    html.append("<h2>SLA breaches</h2>");
    if (review.breaches().isEmpty()) {
      html.append("<p>Every lead was accepted within its SLA.</p>");
    } else {
      html.append("<table><tr><th>Lead</th><th>Class</th><th>Team</th><th>Captured</th><th>Due</th><th>Accepted</th></tr>");
      for (Breach breach : review.breaches()) {
        html.append("<tr><td>").append(escape(breach.leadId())).append("</td><td>").append(escape(breach.leadClass())).append("</td><td>")
            .append(escape(breach.ownerGroup())).append("</td><td>").append(time(breach.capturedAt(), zone)).append("</td><td>")
            .append(time(breach.acceptDue(), zone)).append("</td><td>")
            .append(breach.acceptedAt() == null ? "not accepted" : time(breach.acceptedAt(), zone) + " by " + escape(breach.acceptedBy()))
            .append("</td></tr>");
      }
      html.append("</table>");
    }

    html.append("<h2>Declines</h2>");
    if (review.declinesByReason().isEmpty()) {
      html.append("<p>No lead was declined.</p>");
    } else {
      countChart(html, "By reason", review.declinesByReason());
      countChart(html, "By person", review.declinesByPerson());
    }

    html.append("<h2>Where leads waited longest</h2><table><tr><th>Step</th><th class=\"n\">Passed</th><th class=\"n\">Median</th><th class=\"n\">90% within</th></tr>");
    for (Heatmap.Step step : review.longestWaits()) {
      html.append("<tr><td>").append(escape(step.name() == null ? step.activityId() : step.name())).append("</td><td class=\"n\">")
          .append(step.passed()).append("</td><td class=\"n\">").append(minutes(step.medianSeconds())).append("</td><td class=\"n\">")
          .append(minutes(step.p90Seconds())).append("</td></tr>");
    }
    html.append("</table></body></html>");
    return html.toString();
  }

  private static void bandChart(StringBuilder html, String title, Map<String, long[]> groups) {
    html.append("<h3>").append(escape(title)).append("</h3>");
    if (groups.isEmpty()) {
      html.append("<p class=\"muted\">No leads.</p>");
      return;
    }
    int rowHeight = 24;
    html.append("<svg role=\"img\" aria-label=\"").append(escape(title)).append("\" width=\"100%\" viewBox=\"0 0 760 ")
        .append(groups.size() * rowHeight + 4).append("\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
    int y = 2;
    for (var group : groups.entrySet()) {
      long total = java.util.Arrays.stream(group.getValue()).sum();
      html.append("<text x=\"0\" y=\"").append(y + 15).append("\">").append(escape(group.getKey())).append("</text>");
      double x = 180;
      for (int i = 0; i < BANDS.size(); i++) {
        double width = total == 0 ? 0 : 520.0 * group.getValue()[i] / total;
        if (width > 0) {
          html.append("<rect x=\"").append(round(x)).append("\" y=\"").append(y).append("\" width=\"").append(round(width))
              .append("\" height=\"20\" fill=\"").append(BAND_COLOURS[i]).append("\"><title>").append(BANDS.get(i)).append(": ")
              .append(group.getValue()[i]).append("</title></rect>");
          if (width > 18) {
            html.append("<text x=\"").append(round(x + 4)).append("\" y=\"").append(y + 15).append("\" fill=\"#fff\">").append(group.getValue()[i])
                .append("</text>");
          }
        }
        x += width;
      }
      html.append("<text x=\"708\" y=\"").append(y + 15).append("\">").append(total).append("</text>");
      y += rowHeight;
    }
    html.append("</svg>");
  }

  private static void countChart(StringBuilder html, String title, Map<String, Long> counts) {
    html.append("<h3>").append(escape(title)).append("</h3>");
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(1);
    int rowHeight = 24;
    html.append("<svg role=\"img\" aria-label=\"").append(escape(title)).append("\" width=\"100%\" viewBox=\"0 0 760 ")
        .append(counts.size() * rowHeight + 4).append("\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
    int y = 2;
    for (var count : counts.entrySet()) {
      html.append("<text x=\"0\" y=\"").append(y + 15).append("\">").append(escape(count.getKey())).append("</text><rect x=\"180\" y=\"")
          .append(y).append("\" width=\"").append(round(520.0 * count.getValue() / max)).append("\" height=\"20\" fill=\"#5c6bc0\"/>")
          .append("<text x=\"708\" y=\"").append(y + 15).append("\">").append(count.getValue()).append("</text>");
      y += rowHeight;
    }
    html.append("</svg>");
  }

  private static String shown(Double value) {
    return value == null ? "–" : value < 1 && value > 0 ? Math.round(value * 100) + "%" : round(value);
  }

  private static String delta(Change change) {
    if (change.thisWeek() == null || change.lastWeek() == null) {
      return "–";
    }
    double difference = change.thisWeek() - change.lastWeek();
    if (difference == 0) {
      return "same";
    }
    boolean better = difference > 0 == change.higherIsBetter();
    return "<span class=\"" + (better ? "better" : "worse") + "\">" + (difference > 0 ? "+" : "−") + shown(Math.abs(difference)) + "</span>";
  }

  private static String minutes(Double seconds) {
    return seconds == null ? "–" : round(seconds / 60) + " min";
  }

  private static String time(Instant instant, ZoneId zone) {
    return instant == null ? "–" : TIME.format(instant.atZone(zone));
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
