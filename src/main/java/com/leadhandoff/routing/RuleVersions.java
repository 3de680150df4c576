package com.leadhandoff.routing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who deployed each version of a rule table, from where, and what the deploy guard found:
 * recorded as the deployment happens, in its transaction.
 */
@Component
public class RuleVersions {

  /** deployedBy null: the application deployed it from its packaged dmn/ folder. */
  public record Recorded(String deployedBy, OffsetDateTime deployedAt, String source, String guardSummary) {}

  private final JdbcTemplate jdbc;

  public RuleVersions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void record(String definitionId, String key, int version, String deploymentId, String resourceName, String deployedBy,
      Date deployedAt, String source, String guardSummary) {
    jdbc.update("insert into lh_rule_version (decision_definition_id, decision_key, version, deployment_id, resource_name, "
        + "deployed_by, deployed_at, source, guard_summary) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        definitionId, key, version, deploymentId, resourceName, deployedBy,
        OffsetDateTime.ofInstant(deployedAt.toInstant(), ZoneOffset.UTC), clip(source, 255), clip(guardSummary, 1000));
  }

  /** What was recorded for each version of the key, by decision definition id. */
  public Map<String, Recorded> of(String key) {
    Map<String, Recorded> recorded = new HashMap<>();
    jdbc.query("select decision_definition_id, deployed_by, deployed_at, source, guard_summary from lh_rule_version where decision_key = ?",
        rs -> {
          recorded.put(rs.getString(1), new Recorded(rs.getString(2), rs.getObject(3, OffsetDateTime.class), rs.getString(4), rs.getString(5)));
        }, key);
    return recorded;
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
