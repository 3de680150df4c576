package com.leadhandoff.insights;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where leads pass and wait, per step of the lead process: how many activity instances started in
 * the period, how many are still waiting there, and the median and 90th percentile of the time
 * the finished ones took. Aggregated in the database from the engine's activity history (indexed
 * by {@link InsightsIndexes}), so the browser gets one row per step, never the instances.
 */
@Component
public class Heatmap {

  public static final String PROCESS = "lead-handoff";

  /** One step: durations in seconds, null when no instance has finished there. */
  public record Step(String activityId, String name, String type, long passed, long waiting, Double medianSeconds, Double p90Seconds) {}

  private final JdbcTemplate jdbc;

  public Heatmap(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** leadClass null: every lead. */
  public List<Step> steps(Period period, String leadClass) {
    String byClass = leadClass == null ? "" : " and exists (select 1 from act_hi_varinst v where v.proc_inst_id_ = a.proc_inst_id_"
        + " and v.name_ = 'leadClass' and v.text_ = ?)";
    String sql = "select a.act_id_, max(a.act_name_), max(a.act_type_), count(*),"
        + " sum(case when a.end_time_ is null then 1 else 0 end),"
        + " percentile_cont(0.5) within group (order by a.duration_),"
        + " percentile_cont(0.9) within group (order by a.duration_)"
        + " from act_hi_actinst a where a.proc_def_key_ = ? and a.start_time_ >= ? and a.start_time_ < ?" + byClass
        + " group by a.act_id_ order by a.act_id_";
    Object[] arguments = leadClass == null ? new Object[] {PROCESS, period.fromTimestamp(), period.toTimestamp()}
        : new Object[] {PROCESS, period.fromTimestamp(), period.toTimestamp(), leadClass};
    return jdbc.query(sql, (rs, row) -> new Step(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
        seconds(rs.getObject(6)), seconds(rs.getObject(7))), arguments);
  }

  private static Double seconds(Object milliseconds) {
    return milliseconds == null ? null : ((Number) milliseconds).doubleValue() / 1000.0;
  }
}
