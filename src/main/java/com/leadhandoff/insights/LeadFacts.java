package com.leadhandoff.insights;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The facts about each lead captured in a period that health and the weekly review are made of:
 * when it came in (the capture time its source gave, else when its process started) and from where, its class, its acceptance deadline, when and by whom it was
 * accepted, and when someone first reached out. One query per fact, each over the period's leads.
 */
@Component
public class LeadFacts {

  /** acceptedAt, contactedAt null: not (yet). */
  public record Lead(String processInstanceId, String leadId, Instant capturedAt, Instant endedAt, String source, String leadClass,
      String ownerGroup, Instant acceptDue, Instant acceptedAt, String acceptedBy, Instant contactedAt) {

    /** Minutes from capture to acceptance, or null if not accepted. */
    public Double minutesToAccept() {
      return acceptedAt == null ? null : (acceptedAt.toEpochMilli() - capturedAt.toEpochMilli()) / 60_000.0;
    }

    /** Minutes from capture to the first contact or contact attempt, or null. */
    public Double minutesToContact() {
      return contactedAt == null ? null : (contactedAt.toEpochMilli() - capturedAt.toEpochMilli()) / 60_000.0;
    }

    /** Accepted after its deadline, or still waiting past it at the given moment. */
    public boolean breached(Instant now) {
      if (acceptDue == null) {
        return false;
      }
      return acceptedAt == null ? endedAt == null && now.isAfter(acceptDue) : acceptedAt.isAfter(acceptDue);
    }
  }

  /** The leads (processes p) captured in the period: every query below is narrowed by it. */
  private static final String CAPTURED_IN_PERIOD = "p.proc_def_key_ = '" + Heatmap.PROCESS + "' and p.start_time_ >= ? and p.start_time_ < ?";

  private final JdbcTemplate jdbc;

  public LeadFacts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Lead> of(Period period) {
    Object[] window = {period.fromTimestamp(), period.toTimestamp()};
    Map<String, Object[]> leads = new HashMap<>();
    List<String> order = new ArrayList<>();
    // the capture time its source gave, if it came through the intake API
    jdbc.query("select p.id_, p.business_key_, p.start_time_, p.end_time_, l.captured_at from act_hi_procinst p"
        + " left join lh_lead l on l.process_instance_id = p.id_ where " + CAPTURED_IN_PERIOD + " order by p.start_time_", rs -> {
          OffsetDateTime captured = rs.getObject(5, OffsetDateTime.class);
          leads.put(rs.getString(1), new Object[] {rs.getString(2), captured != null ? captured.toInstant() : instant(rs.getTimestamp(3)),
              instant(rs.getTimestamp(4)), null, null, null, null, null, null, null});
          order.add(rs.getString(1));
        }, window);
    variable(leads, "source", 3, window);
    variable(leads, "leadClass", 4, window);
    variable(leads, "ownerGroup", 5, window);
    jdbc.query("select v.proc_inst_id_, v.long_ from act_hi_varinst v join act_hi_procinst p on p.id_ = v.proc_inst_id_"
        + " where v.name_ = 'acceptDue' and " + CAPTURED_IN_PERIOD, rs -> {
          Object[] lead = leads.get(rs.getString(1));
          if (lead != null && rs.getObject(2) != null) {
            lead[6] = Instant.ofEpochMilli(rs.getLong(2));
          }
        }, window);
    firstEvents(leads, window);
    List<Lead> facts = new ArrayList<>();
    for (String id : order) {
      Object[] f = leads.get(id);
      facts.add(new Lead(id, (String) f[0], (Instant) f[1], (Instant) f[2], (String) f[3], (String) f[4], (String) f[5], (Instant) f[6],
          (Instant) f[7], (String) f[8], (Instant) f[9]));
    }
    return facts;
  }

  private void variable(Map<String, Object[]> leads, String name, int slot, Object[] window) {
    jdbc.query("select v.proc_inst_id_, v.text_ from act_hi_varinst v join act_hi_procinst p on p.id_ = v.proc_inst_id_"
        + " where v.name_ = ? and " + CAPTURED_IN_PERIOD, rs -> {
          Object[] lead = leads.get(rs.getString(1));
          if (lead != null) {
            lead[slot] = rs.getString(2);
          }
        }, name, window[0], window[1]);
  }

  /**
   * Per lead, the first acceptance (its time and who) and the first contact or attempt, read in
   * one pass; ties on time go to the entry written first.
   */
  private void firstEvents(Map<String, Object[]> leads, Object[] window) {
    Map<String, long[]> firstIds = new HashMap<>();
    jdbc.query("select t.process_instance_id, t.kind, t.happened_at, t.actor, t.id from lh_timeline t"
        + " join act_hi_procinst p on p.id_ = t.process_instance_id"
        + " where t.kind in ('ACCEPTED', 'FIRST_CONTACT', 'CONTACT_ATTEMPT') and " + CAPTURED_IN_PERIOD, rs -> {
          Object[] lead = leads.get(rs.getString(1));
          if (lead == null) {
            return;
          }
          boolean accepted = "ACCEPTED".equals(rs.getString(2));
          int when = accepted ? 7 : 9;
          Instant at = rs.getObject(3, OffsetDateTime.class).toInstant();
          long id = rs.getLong(5);
          long[] ids = firstIds.computeIfAbsent(rs.getString(1), key -> new long[2]);
          Instant earlier = (Instant) lead[when];
          if (earlier == null || at.isBefore(earlier) || (at.equals(earlier) && id < ids[accepted ? 0 : 1])) {
            lead[when] = at;
            ids[accepted ? 0 : 1] = id;
            if (accepted) {
              lead[8] = rs.getString(4);
            }
          }
        }, window);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
