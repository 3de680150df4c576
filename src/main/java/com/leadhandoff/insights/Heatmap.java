package com.leadhandoff.insights;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where leads pass and wait, per step of the lead process: how many leads reached it in the
 * period, how many are still there, and the median and 90th percentile of the time the others
 * spent there. Aggregated in the database from the engine's activity history (indexed
 * by {@link InsightsIndexes}), so the browser gets one row per step, never the instances.
 */
@Component
public class Heatmap {

  public static final String PROCESS = "lead-handoff";

  /** One step: passed and waiting count leads; durations in seconds, null when no lead has moved on. */
  public record Step(String activityId, String name, String type, long passed, long waiting, Double medianSeconds, Double p90Seconds) {}

  private final JdbcTemplate jdbc;

  public Heatmap(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * leadClass null: every lead. Each lead counts once per step: a lead that came back to a step
   * (a new ladder level, a decline) adds up its time there. Waits are of the leads that moved on;
   * those still there are counted as waiting.
   */
  public List<Step> steps(Period period, String leadClass) {
    String byClass = leadClass == null ? "" : " and exists (select 1 from act_hi_varinst v where v.proc_inst_id_ = a.proc_inst_id_"
        + " and v.name_ = 'leadClass' and v.text_ = ?)";
    String sql = "select act_id_, max(act_name_), max(act_type_), count(*), sum(still_there),"
        + " percentile_cont(0.5) within group (order by moved_on),"
        + " percentile_cont(0.9) within group (order by moved_on)"
        + " from (select a.act_id_ as act_id_, max(a.act_name_) as act_name_, max(a.act_type_) as act_type_,"
        + " max(case when a.end_time_ is null then 1 else 0 end) as still_there,"
        + " case when max(case when a.end_time_ is null then 1 else 0 end) = 1 then null else sum(a.duration_) end as moved_on"
        + " from act_hi_actinst a where a.proc_def_key_ = ? and a.start_time_ >= ? and a.start_time_ < ?" + byClass
        + " group by a.act_id_, a.proc_inst_id_) per_lead group by act_id_ order by act_id_";
    Object[] arguments = leadClass == null ? new Object[] {PROCESS, period.fromTimestamp(), period.toTimestamp()}
        : new Object[] {PROCESS, period.fromTimestamp(), period.toTimestamp(), leadClass};
    return jdbc.query(sql, (rs, row) -> new Step(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
        seconds(rs.getObject(6)), seconds(rs.getObject(7))), arguments);
  }

  private static Double seconds(Object milliseconds) {
    return milliseconds == null ? null : ((Number) milliseconds).doubleValue() / 1000.0;
  }
}
