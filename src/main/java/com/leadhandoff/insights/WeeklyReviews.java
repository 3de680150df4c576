package com.leadhandoff.insights;

import com.leadhandoff.escalation.BusinessHoursProperties;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Weekly reviews as they are kept: every Monday (lead-handoff.insights.weekly-review-cron) the
 * review of the week before is generated, stored in {@code lh_weekly_review} and mailed, with the
 * CSV attached, to the members of the managers group who have an email address, when mail is
 * configured. The week's primary key lets exactly one node of a cluster do it. A stored review is
 * served as stored; any other week is generated on request.
 */
@Component
public class WeeklyReviews {

  private static final Logger log = LoggerFactory.getLogger(WeeklyReviews.class);

  /** A review as kept; mailedTo null: not mailed (no mail configured, or nobody to send it to). */
  public record Kept(String week, OffsetDateTime generatedAt, String html, String csv, String mailedTo) {}

  private final WeeklyReview review;
  private final JdbcTemplate jdbc;
  private final IdentityService identityService;
  private final ObjectProvider<JavaMailSender> mail;
  private final InsightsProperties properties;
  private final BusinessHoursProperties businessHours;
  private final String from;

  public WeeklyReviews(WeeklyReview review, JdbcTemplate jdbc, IdentityService identityService, ObjectProvider<JavaMailSender> mail,
      InsightsProperties properties, BusinessHoursProperties businessHours, com.leadhandoff.notify.NotificationProperties notifications) {
    this.review = review;
    this.jdbc = jdbc;
    this.identityService = identityService;
    this.mail = mail;
    this.properties = properties;
    this.businessHours = businessHours;
    this.from = notifications.from();
  }

  /** The week before the one holding now, as "2026-W47". */
  public String lastWeek() {
    return WeeklyReview.weekOf(now().atZone(businessHours.zone()).minusWeeks(1).toInstant(), businessHours.zone());
  }

  public Optional<Kept> kept(String week) {
    return jdbc.query("select week, generated_at, html, csv, mailed_to from lh_weekly_review where week = ?",
        (rs, row) -> new Kept(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4), rs.getString(5)), week)
        .stream().findFirst();
  }

  public List<Kept> all() {
    return jdbc.query("select week, generated_at, mailed_to from lh_weekly_review order by week desc",
        (rs, row) -> new Kept(rs.getString(1), rs.getObject(2, OffsetDateTime.class), null, null, rs.getString(3)));
  }

  /** The kept review, or one generated now (not kept). */
  public Kept get(String week) {
    return kept(week).orElseGet(() -> generate(week));
  }

  private Kept generate(String week) {
    WeeklyReview.Review built = review.build(week, businessHours.zone(), now());
    return new Kept(week, OffsetDateTime.ofInstant(now(), ZoneOffset.UTC), review.html(built, businessHours.zone()), review.csv(built), null);
  }

  @Scheduled(cron = "${lead-handoff.insights.weekly-review-cron:0 0 6 * * MON}", zone = "${lead-handoff.business-hours.zone:America/Chicago}")
  public void keepLastWeek() {
    keep(lastWeek());
  }

  /**
   * Hourly (a minute after start first): keeps last week's review if no node did on Monday (none
   * was running), and mails a kept one that went unmailed (the node that kept it had no mail, or
   * the mail server was down). Off when the weekly job is off.
   */
  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
  public void catchUp() {
    if ("-".equals(properties.weeklyReviewCron())) {
      return;
    }
    String week = lastWeek();
    Optional<Kept> kept = kept(week);
    if (kept.isEmpty()) {
      keep(week);
    } else if (kept.get().mailedTo() == null) {
      mail(kept.get());
    }
  }

  /** Generates, stores and mails the week's review, unless it is kept already (by this node or another). */
  public Optional<Kept> keep(String week) {
    if (kept(week).isPresent()) {
      return Optional.empty();
    }
    Kept generated = generate(week);
    try {
      jdbc.update("insert into lh_weekly_review (week, generated_at, html, csv) values (?, ?, ?, ?)", week,
          generated.generatedAt().withOffsetSameInstant(ZoneOffset.UTC), generated.html(), generated.csv());
    } catch (DuplicateKeyException anotherNodeWasFirst) {
      return Optional.empty();
    }
    String mailedTo = mail(generated);
    log.info("Weekly review {} generated{}", week, mailedTo == null ? "" : " and mailed to " + mailedTo);
    return kept(week);
  }

  /** Mails a kept review that went unmailed and records to whom; null if it could not be mailed. */
  private String mail(Kept review) {
    String mailedTo = send(review);
    if (mailedTo != null) {
      jdbc.update("update lh_weekly_review set mailed_to = ? where week = ? and mailed_to is null", mailedTo, review.week());
    }
    return mailedTo;
  }

  private String send(Kept review) {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      return null;
    }
    List<String> to = identityService.createUserQuery().memberOfGroup(properties.reviewGroup()).list().stream().map(User::getEmail)
        .filter(address -> address != null && !address.isBlank()).distinct().toList();
    if (to.isEmpty()) {
      return null;
    }
    try {
      var message = sender.createMimeMessage();
      var helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
      helper.setFrom(from);
      helper.setTo(to.toArray(String[]::new));
      helper.setSubject("Lead handoff weekly review " + review.week());
      helper.setText("The weekly review of " + review.week() + " is attached as CSV; open this message as HTML to read it.", review.html());
      helper.addAttachment("weekly-review-" + review.week() + ".csv", new ByteArrayResource(review.csv().getBytes(StandardCharsets.UTF_8)),
          "text/csv");
      sender.send(message);
      return String.join(", ", to);
    } catch (MessagingException | RuntimeException failed) {
      log.warn("The weekly review {} is kept but could not be mailed: {}", review.week(), failed.getMessage());
      return null;
    }
  }

  /** The engine's clock, which history was written with. */
  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
