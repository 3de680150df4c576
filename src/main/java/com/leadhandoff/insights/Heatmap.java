package com.leadhandoff.insights;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where leads pass and wait, per step of the lead process: how many leads reached it in the
 * period, how many are still there, and the median and 90th percentile of the time the others
 * spent there. Aggregated in the database from the engine's activity history (indexed
 * by {@link com.leadhandoff.EngineIndexes}), so the browser gets one row per step, never the instances.
 * Steps are the model's tasks and events; gateways, which no lead waits at, are left out, which
 * also halves the rows read.
 */
@Component
public class Heatmap {

  public static final String PROCESS = "lead-handoff";

  /** One step: passed and waiting count leads; durations in seconds, null when no lead has moved on. */
  public record Step(String activityId, String name, String type, long passed, long waiting, Double medianSeconds, Double p90Seconds) {}

  private final JdbcTemplate jdbc;
  private final RepositoryService repositoryService;

  public Heatmap(JdbcTemplate jdbc, RepositoryService repositoryService) {
    this.jdbc = jdbc;
    this.repositoryService = repositoryService;
  }

  /**
   * leadClass null: every lead. Each lead counts once per step: a lead that came back to a step
   * (a new ladder level, a decline) adds up its time there. Waits are of the leads that moved on;
   * those still there are counted as waiting.
   */
  public List<Step> steps(Period period, String leadClass) {
    List<String> steps = List.copyOf(steps());
    if (steps.isEmpty()) {
      return List.of();
    }
    String byClass = leadClass == null ? "" : " and exists (select 1 from act_hi_varinst v where v.proc_inst_id_ = a.proc_inst_id_"
        + " and v.name_ = 'leadClass' and v.text_ = ?)";
    // Only columns of the index are read per activity instance (so PostgreSQL scans the index alone); each step's name and
    // type are looked up once, from one of its instances.
    String sql = "select s.act_id_, (select n.act_name_ from act_hi_actinst n where n.proc_def_key_ = ? and n.act_id_ = s.act_id_"
        + " fetch first 1 rows only), (select t.act_type_ from act_hi_actinst t where t.proc_def_key_ = ? and t.act_id_ = s.act_id_"
        + " fetch first 1 rows only), s.passed, s.waiting, s.median, s.p90"
        + " from (select act_id_, count(*) as passed, sum(still_there) as waiting,"
        + " percentile_cont(0.5) within group (order by moved_on) as median,"
        + " percentile_cont(0.9) within group (order by moved_on) as p90"
        + " from (select a.act_id_ as act_id_,"
        + " max(case when a.end_time_ is null then 1 else 0 end) as still_there,"
        + " case when max(case when a.end_time_ is null then 1 else 0 end) = 1 then null else sum(a.duration_) end as moved_on"
        + " from act_hi_actinst a where a.proc_def_key_ = ? and a.act_id_ in (" + String.join(", ", steps.stream().map(step -> "?").toList())
        + ") and a.start_time_ >= ? and a.start_time_ < ?" + byClass
        + " group by a.act_id_, a.proc_inst_id_) per_lead group by act_id_) s order by s.act_id_";
    List<Object> arguments = new java.util.ArrayList<>(List.of(PROCESS, PROCESS, PROCESS));
    arguments.addAll(steps);
    arguments.addAll(List.of(period.fromTimestamp(), period.toTimestamp()));
    if (leadClass != null) {
      arguments.add(leadClass);
    }
    return jdbc.query(sql, (rs, row) -> new Step(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
        seconds(rs.getObject(6)), seconds(rs.getObject(7))), arguments.toArray());
  }

  /** Every task and event of every deployed version of the lead process (the engine caches the models). */
  private Set<String> steps() {
    Set<String> steps = new TreeSet<>();
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS).list()) {
      for (FlowNode node : repositoryService.getBpmnModelInstance(definition.getId()).getModelElementsByType(FlowNode.class)) {
        if (!(node instanceof Gateway)) {
          steps.add(node.getId());
        }
      }
    }
    return steps;
  }

  private static Double seconds(Object milliseconds) {
    return milliseconds == null ? null : ((Number) milliseconds).doubleValue() / 1000.0;
  }
}
