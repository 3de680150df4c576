package com.leadhandoff.insights;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The facts about each lead captured in a period that health and the weekly review are made of:
 * when it came in (the capture time its source gave, else when its process started) and from where, its class, its acceptance deadline, when and by whom it was
 * accepted, and when someone first reached out. Three queries, each over the period's leads, run side by side.
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

  private static final int SLOTS = 10;
  /** Two reads of every health and review request run here, next to the request's own thread. */
  private static final ExecutorService READERS = Executors.newFixedThreadPool(4, runnable -> {
    Thread thread = new Thread(runnable, "lead-facts");
    thread.setDaemon(true);
    return thread;
  });

  private final JdbcTemplate jdbc;

  public LeadFacts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Lead> of(Period period) {
    Object[] window = {period.fromTimestamp(), period.toTimestamp()};
    // the three reads go to the database side by side; each fills its own slots of a lead
    Future<Map<String, Object[]>> variables = READERS.submit(() -> variables(window));
    Future<Map<String, Object[]>> firstEvents = READERS.submit(() -> firstEvents(window));
    List<String> order = new ArrayList<>();
    List<Object[]> leads = new ArrayList<>();
    // the capture time its source gave, if it came through the intake API
    jdbc.query("select p.id_, p.business_key_, p.start_time_, p.end_time_, l.captured_at from act_hi_procinst p"
        + " left join lh_lead l on l.process_instance_id = p.id_ where " + CAPTURED_IN_PERIOD + " order by p.start_time_", rs -> {
          OffsetDateTime captured = rs.getObject(5, OffsetDateTime.class);
          order.add(rs.getString(1));
          leads.add(new Object[] {rs.getString(2), captured != null ? captured.toInstant() : instant(rs.getTimestamp(3)),
              instant(rs.getTimestamp(4)), null, null, null, null, null, null, null});
        }, window);
    Map<String, Object[]> variablesOf = result(variables);
    Map<String, Object[]> firstEventsOf = result(firstEvents);
    List<Lead> facts = new ArrayList<>(order.size());
    for (int i = 0; i < order.size(); i++) {
      String id = order.get(i);
      Object[] f = leads.get(i);
      copy(variablesOf.get(id), f, 3, 7);
      copy(firstEventsOf.get(id), f, 7, 10);
      facts.add(new Lead(id, (String) f[0], (Instant) f[1], (Instant) f[2], (String) f[3], (String) f[4], (String) f[5], (Instant) f[6],
          (Instant) f[7], (String) f[8], (Instant) f[9]));
    }
    return facts;
  }

  /** Where each fact variable goes in a lead's slots. */
  private static final Map<String, Integer> VARIABLE_SLOTS = Map.of("source", 3, "leadClass", 4, "ownerGroup", 5, "acceptDue", 6);

  /** The four variables in one pass over the period's leads rather than one pass each: slots 3 to 6. */
  private Map<String, Object[]> variables(Object[] window) {
    Map<String, Object[]> leads = new HashMap<>();
    jdbc.query("select v.proc_inst_id_, v.name_, v.text_, v.long_ from act_hi_varinst v join act_hi_procinst p on p.id_ = v.proc_inst_id_"
        + " where v.name_ in ('source', 'leadClass', 'ownerGroup', 'acceptDue') and " + CAPTURED_IN_PERIOD, rs -> {
          Object[] lead = leads.computeIfAbsent(rs.getString(1), id -> new Object[SLOTS]);
          int slot = VARIABLE_SLOTS.get(rs.getString(2));
          if (slot != 6) {
            lead[slot] = rs.getString(3);
          } else if (rs.getObject(4) != null) {
            lead[slot] = Instant.ofEpochMilli(rs.getLong(4));
          }
        }, window);
    return leads;
  }

  /**
   * Per lead, the first acceptance (its time and who) and the first contact or attempt, read in
   * one pass; ties on time go to the entry written first: slots 7 to 9.
   */
  private Map<String, Object[]> firstEvents(Object[] window) {
    Map<String, Object[]> leads = new HashMap<>();
    Map<String, long[]> firstIds = new HashMap<>();
    jdbc.query("select t.process_instance_id, t.kind, t.happened_at, t.actor, t.id from lh_timeline t"
        + " join act_hi_procinst p on p.id_ = t.process_instance_id"
        + " where t.kind in ('ACCEPTED', 'FIRST_CONTACT', 'CONTACT_ATTEMPT') and " + CAPTURED_IN_PERIOD, rs -> {
          Object[] lead = leads.computeIfAbsent(rs.getString(1), id -> new Object[SLOTS]);
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
    return leads;
  }

  private static void copy(Object[] from, Object[] to, int first, int end) {
    if (from != null) {
      System.arraycopy(from, first, to, first, end - first);
    }
  }

  private static <T> T result(Future<T> read) {
    try {
      return read.get();
    } catch (ExecutionException failed) {
      throw failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading lead facts", interrupted);
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
