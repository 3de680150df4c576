package com.leadhandoff.lead;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What happened to a lead, in order, in words a manager or a source system can read. Written in
 * the same transaction as the step it describes, so the timeline never claims a step that rolled
 * back. Times come from the engine clock, so tests that move the clock see consistent timelines.
 */
@Component
public class Timeline {

  /** The kinds of entry, as the API reports them. */
  public enum Kind {
    CAPTURED, ROUTED, ROUTED_BY_HAND, ROUTING_FAILED, REVIEWED, ESCALATED, WARNING, ACCEPTED, DECLINED,
    ASSIGNED, FIRST_CONTACT, CONTACT_ATTEMPT, JOINED, REROUTED_UPWARD, SPLIT, NOTE, NOTIFIED, CLOSED
  }

  public record Entry(OffsetDateTime at, Kind kind, String description, String actor) {}

  private static final int MAX_DESCRIPTION = 4000;
  private static final int MAX_ACTOR = 200;

  private final JdbcTemplate jdbc;

  public Timeline(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void record(DelegateExecution execution, Kind kind, String description, String actor) {
    record(execution.getProcessInstanceId(), kind, description, actor);
  }

  public void record(String processInstanceId, Kind kind, String description, String actor) {
    String text = description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION - 1) + "…" : description;
    String by = actor == null || actor.length() <= MAX_ACTOR ? actor : actor.substring(0, MAX_ACTOR);
    jdbc.update("insert into lh_timeline (process_instance_id, happened_at, kind, description, actor) values (?, ?, ?, ?, ?)",
        processInstanceId, now(), kind.name(), text, by);
  }

  public List<Entry> of(String processInstanceId) {
    return jdbc.query("select happened_at, kind, description, actor from lh_timeline where process_instance_id = ? order by happened_at, id",
        (rs, row) -> new Entry(rs.getObject(1, OffsetDateTime.class), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)),
        processInstanceId);
  }

  public static OffsetDateTime now() {
    return ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
  }
}
