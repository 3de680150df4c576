package com.leadhandoff.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The acceptance cases the deploy guard runs for a table: the ones last saved (with a deployment
 * through the routing API, or on their own for the next one), or else the packaged
 * {@code dmn/tests/KEY.csv}.
 */
@Component
public class RuleCases {

  /** Longest cases file accepted, as stored. */
  public static final int MAX_CHARS = 262_144;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,200}");

  /** The cases and where they came from, for reports. */
  public record Cases(String csv, String origin) {}

  private final JdbcTemplate jdbc;

  public RuleCases(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Cases> current(String decisionKey) {
    if (!KEY.matcher(decisionKey).matches()) {
      return Optional.empty();
    }
    return newest(jdbc.query(SAVED + "where decision_key = ? order by id desc", this::read, decisionKey), decisionKey);
  }

  /**
   * The cases in force when a deployment was made: the ones saved with it, or else the newest
   * saved before it, or else the packaged ones. A rollback is checked against these.
   */
  public Optional<Cases> asOf(String decisionKey, String deploymentId, Instant deployedAt) {
    if (!KEY.matcher(decisionKey).matches()) {
      return Optional.empty();
    }
    return newest(jdbc.query(SAVED + "where decision_key = ? and (deployment_id = ? or saved_at <= ?) order by id desc", this::read,
        decisionKey, deploymentId, OffsetDateTime.ofInstant(deployedAt, ZoneOffset.UTC)), decisionKey);
  }

  private static final String SAVED = "select cases_csv, saved_by, saved_at from lh_rule_cases ";

  private Cases read(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Cases(rs.getString(1), "the cases saved by " + rs.getString(2) + " at "
        + rs.getObject(3, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).withNano(0) + " (UTC)");
  }

  private static Optional<Cases> newest(java.util.List<Cases> saved, String decisionKey) {
    return saved.isEmpty() ? packaged(decisionKey) : Optional.of(saved.get(0));
  }

  public static Optional<Cases> packaged(String decisionKey) {
    if (!KEY.matcher(decisionKey).matches()) {
      return Optional.empty();
    }
    var resource = new ClassPathResource("dmn/tests/" + decisionKey + ".csv");
    if (!resource.exists()) {
      return Optional.empty();
    }
    try (InputStream in = resource.getInputStream()) {
      return Optional.of(new Cases(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the packaged dmn/tests/" + decisionKey + ".csv"));
    } catch (IOException unreadable) {
      throw new IllegalStateException("Cannot read the packaged cases of " + decisionKey, unreadable);
    }
  }

  /** Whether the name can be a table's key (and so a cases file name). */
  public static boolean validKey(String decisionKey) {
    return decisionKey != null && KEY.matcher(decisionKey).matches();
  }

  /** deploymentId null: saved on their own, for the table's next deployment. */
  public void save(String decisionKey, String csv, String savedBy, String deploymentId) {
    jdbc.update("insert into lh_rule_cases (decision_key, cases_csv, saved_by, saved_at, deployment_id) values (?, ?, ?, ?, ?)",
        decisionKey, csv, savedBy, OffsetDateTime.now(ZoneOffset.UTC), deploymentId);
  }
}
