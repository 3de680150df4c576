package com.leadhandoff.insights;

import static com.leadhandoff.intake.LeadsApi.CALLER;

import com.leadhandoff.escalation.BusinessHoursProperties;
import com.leadhandoff.lead.LeadClass;
import com.leadhandoff.security.ApiAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Insights for managers and admins: the heatmap of the lead process, handoff health, why a lead
 * went where it went, and the weekly review. Cockpit's plugin calls it with the Cockpit login;
 * other clients use HTTP Basic. Only aggregates and the leads managers see anyway.
 */
@RestController
@RequestMapping("/api/insights")
@Tag(name = "Insights", description = "Heatmap, handoff health, why a lead went where it went, the weekly review")
@SecurityRequirement(name = "basic")
public class InsightsApi {


  private final Heatmap heatmap;
  private final Health health;
  private final LeadWhy why;
  private final WeeklyReviews reviews;
  private final IdentityService identityService;
  private final List<String> viewers;
  private final ZoneId zone;

  public InsightsApi(Heatmap heatmap, Health health, LeadWhy why, WeeklyReviews reviews, IdentityService identityService,
      BusinessHoursProperties businessHours, com.leadhandoff.security.ApiSecurityProperties security) {
    this.viewers = security.insightsGroups();
    this.heatmap = heatmap;
    this.health = health;
    this.why = why;
    this.reviews = reviews;
    this.identityService = identityService;
    this.zone = businessHours.zone();
  }

  public record HeatmapView(String process, Instant from, Instant to, String leadClass, List<Heatmap.Step> steps) {}

  @Operation(summary = "How many leads passed each step and how long they waited there",
      description = "Leads that reached each step in the period (window today, 7d or 30d, or from/to: dates in the business's time zone, "
          + "or date-times; at most 93 days); leadClass narrows it to one class. passed and waiting count leads; a lead's time at a step "
          + "adds up its visits; median and 90th percentile, in seconds, are of the leads that moved on.")
  @GetMapping("/heatmap")
  public HeatmapView heatmap(@RequestParam(required = false) String window, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String leadClass,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireViewer(caller);
    String only = leadClass == null || leadClass.isBlank() ? null : LeadClass.named(leadClass).map(Enum::name)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "leadClass must be EMERGENCY, PREMIUM, STANDARD or POOR_FIT"));
    Period period = period(window, from, to);
    return new HeatmapView(Heatmap.PROCESS, period.from(), period.to(), only, heatmap.steps(period, only));
  }

  @Operation(summary = "Handoff health, each figure with its colour from handoff-health.dmn",
      description = "Leads captured from from to to (dates in the business's time zone, or date-times; default the last 7 days); figures "
          + "named 'now' are as of this moment.")
  @GetMapping("/health")
  public Health.Report health(@RequestParam(required = false) String window, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireViewer(caller);
    return health.of(period(window, from, to));
  }

  @Operation(summary = "Why a lead went where it went", description = "Its routing and ladder decisions from decision history (inputs, "
      + "matched rules, outputs), who held its tasks when, and its timeline. By process instance id, as Cockpit shows it.")
  @GetMapping("/leads/{processInstanceId}/why")
  public LeadWhy.Why why(@PathVariable String processInstanceId, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireViewer(caller);
    return why.of(processInstanceId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead " + processInstanceId));
  }

  @Operation(summary = "The weekly review", description = "week: an ISO week such as 2026-W47 (default: last week). format html (default, "
      + "printable) or csv. A review kept by the Monday job is served as kept; other weeks are generated now.")
  @GetMapping("/weekly-review")
  public ResponseEntity<String> weeklyReview(@RequestParam(required = false) String week, @RequestParam(required = false) String format,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireViewer(caller);
    String which = week == null || week.isBlank() ? reviews.lastWeek() : week;
    try {
      WeeklyReview.period(which, zone);
    } catch (IllegalArgumentException wrong) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, wrong.getMessage());
    }
    WeeklyReviews.Kept review = reviews.get(which);
    if ("csv".equalsIgnoreCase(format)) {
      return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"weekly-review-" + which + ".csv\"")
          .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(review.csv());
    }
    if (format != null && !format.isBlank() && !"html".equalsIgnoreCase(format)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format must be html or csv");
    }
    return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8)).body(review.html());
  }

  public record KeptReview(String week, java.time.OffsetDateTime generatedAt, String mailedTo) {}

  @Operation(summary = "The weekly reviews kept so far, newest first")
  @GetMapping("/weekly-reviews")
  public List<KeptReview> weeklyReviews(@Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireViewer(caller);
    return reviews.all().stream().map(kept -> new KeptReview(kept.week(), kept.generatedAt(), kept.mailedTo())).toList();
  }

  /** The longest window insights read at once. */
  static final Duration LONGEST = Duration.ofDays(93);

  private Period period(String window, String from, String to) {
    Period period = window(window, from, to);
    if (Duration.between(period.from(), period.to()).compareTo(LONGEST) > 0) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The window may be at most 93 days; use the weekly reviews for longer spans");
    }
    return period;
  }

  private Period window(String window, String from, String to) {
    try {
      Instant now = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
      if (window == null || window.isBlank()) {
        return Period.parse(from, to, Duration.ofDays(7), zone, now);
      }
      return switch (window) {
        case "today" -> new Period(LocalDate.now(zone).atStartOfDay(zone).toInstant(), now);
        case "7d" -> new Period(now.minus(Duration.ofDays(7)), now);
        case "30d" -> new Period(now.minus(Duration.ofDays(30)), now);
        default -> throw new IllegalArgumentException("window must be today, 7d or 30d (or give from and to)");
      };
    } catch (IllegalArgumentException wrong) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, wrong.getMessage());
    }
  }

  private void requireViewer(String caller) {
    if (!ApiAuthentication.memberOfAny(identityService, caller, viewers)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Insights are for members of " + String.join(", ", viewers));
    }
  }
}
