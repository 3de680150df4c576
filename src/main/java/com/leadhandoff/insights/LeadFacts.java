package com.leadhandoff.insights;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The facts about each lead captured in a period that health and the weekly review are made of:
 * when it came in (the capture time its source gave, else when its process started) and from where, its class, its acceptance deadline, when and by whom it was
 * accepted, and when someone first reached out.
 *
 * <p>An ended lead's facts are read from its row in {@code lh_lead_fact}, kept as it ended
 * ({@link KeptLeadFacts}); the others (waiting leads, and ended ones without a row) from history
 * and the timeline, by three queries that run side by side with the read of the kept rows.
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

  static final String PROCESS = Heatmap.PROCESS;
  /** The leads (processes p) captured in the period. */
  private static final String CAPTURED_IN_PERIOD = "p.proc_def_key_ = '" + PROCESS + "' and p.start_time_ >= ? and p.start_time_ < ?";
  /**
   * The leads whose facts are read from history: waiting ones, ones without a kept row, and ones
   * that ended lately. The last are read both ways, so a lead that ends while its facts are read
   * (its row not yet committed when the kept rows are read, committed when history is) is not lost
   * between the two reads; a transaction that ends a lead takes far less than this.
   */
  private static final String READ_FROM_HISTORY = " and (p.end_time_ is null or p.end_time_ >= ?"
      + " or not exists (select 1 from lh_lead_fact f where f.process_instance_id = p.id_))";
  private static final Duration SETTLING = Duration.ofMinutes(10);
  static final String FACT_KINDS = "('ACCEPTED', 'FIRST_CONTACT', 'CONTACT_ATTEMPT')";

  /** A lead's facts while they are read: the slots of {@link Lead} after its process instance id. */
  static final int LEAD_ID = 0;
  static final int CAPTURED = 1;
  static final int ENDED = 2;
  static final int SOURCE = 3;
  static final int LEAD_CLASS = 4;
  static final int OWNER_GROUP = 5;
  static final int ACCEPT_DUE = 6;
  static final int ACCEPTED_AT = 7;
  static final int ACCEPTED_BY = 8;
  static final int CONTACTED_AT = 9;
  static final int SLOTS = 10;

  /** The reads from history of every health and review request run here, next to the request's own thread. */
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
    Timestamp settled = Timestamp.from(ClockUtil.getCurrentTime().toInstant().minus(SETTLING));
    CompletableFuture<Map<String, Object[]>> fromHistory = fromHistory(CAPTURED_IN_PERIOD + READ_FROM_HISTORY,
        new Object[] {window[0], window[1], settled});
    List<Read> reads = new ArrayList<>();
    jdbc.query("select p.id_, p.business_key_, p.start_time_, p.end_time_, f.process_instance_id, f.captured_at, f.source, f.lead_class,"
        + " f.owner_group, f.accept_due, f.accepted_at, f.accepted_by, f.contacted_at from act_hi_procinst p"
        + " left join lh_lead_fact f on f.process_instance_id = p.id_ where " + CAPTURED_IN_PERIOD + " order by p.start_time_", rs -> {
          Object[] lead = new Object[SLOTS];
          lead[LEAD_ID] = rs.getString(2);
          lead[ENDED] = instant(rs.getTimestamp(4));
          boolean kept = rs.getString(5) != null;
          if (kept) {
            lead[CAPTURED] = instant(rs, 6);
            lead[SOURCE] = rs.getString(7);
            lead[LEAD_CLASS] = rs.getString(8);
            lead[OWNER_GROUP] = rs.getString(9);
            lead[ACCEPT_DUE] = instant(rs, 10);
            lead[ACCEPTED_AT] = instant(rs, 11);
            lead[ACCEPTED_BY] = rs.getString(12);
            lead[CONTACTED_AT] = instant(rs, 13);
          }
          reads.add(new Read(rs.getString(1), lead, instant(rs.getTimestamp(3)), kept));
        }, window);
    Map<String, Object[]> historyOf = result(fromHistory);
    List<Lead> facts = new ArrayList<>(reads.size());
    for (Read read : reads) {
      Object[] history = read.kept() ? null : historyOf.get(read.processInstanceId());
      if (history != null) {
        read.lead()[CAPTURED] = history[CAPTURED];
        System.arraycopy(history, SOURCE, read.lead(), SOURCE, SLOTS - SOURCE);
      }
      facts.add(lead(read.processInstanceId(), read.lead(), read.started()));
    }
    return facts;
  }

  /** The facts of the given ended leads, read from history: what {@link KeptLeadFacts} keeps for the ones that ended without a row. */
  Map<String, Object[]> fromHistory(List<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return Map.of();
    }
    String ids = String.join(", ", Collections.nCopies(processInstanceIds.size(), "?"));
    return result(fromHistory("p.id_ in (" + ids + ")", processInstanceIds.toArray()));
  }

  /**
   * The facts of the leads (processes p) that the condition names, from history and the
   * timeline, in three reads side by side. Slot {@link #CAPTURED} holds the capture time its
   * source gave, or null; {@link #ENDED} and {@link #LEAD_ID} are not read.
   */
  private CompletableFuture<Map<String, Object[]>> fromHistory(String leadsOf, Object[] arguments) {
    CompletableFuture<Map<String, Object[]>> variables = CompletableFuture.supplyAsync(() -> variables(leadsOf, arguments), READERS);
    CompletableFuture<Map<String, Object[]>> firstEvents = CompletableFuture.supplyAsync(() -> firstEvents(leadsOf, arguments), READERS);
    CompletableFuture<Map<String, Instant>> captured = CompletableFuture.supplyAsync(() -> captured(leadsOf, arguments), READERS);
    return variables.thenCombine(firstEvents, (variablesOf, eventsOf) -> {
      Map<String, Object[]> leads = new HashMap<>(variablesOf);
      eventsOf.forEach((id, events) -> {
        Object[] lead = leads.computeIfAbsent(id, key -> new Object[SLOTS]);
        System.arraycopy(events, ACCEPTED_AT, lead, ACCEPTED_AT, SLOTS - ACCEPTED_AT);
      });
      return leads;
    }).thenCombine(captured, (leads, capturedOf) -> {
      capturedOf.forEach((id, at) -> leads.computeIfAbsent(id, key -> new Object[SLOTS])[CAPTURED] = at);
      return leads;
    });
  }

  /** Where each fact variable goes in a lead's slots. */
  private static final Map<String, Integer> VARIABLE_SLOTS = Map.of("source", SOURCE, "leadClass", LEAD_CLASS, "ownerGroup", OWNER_GROUP,
      "acceptDue", ACCEPT_DUE);

  /** The four variables in one pass over the leads rather than one pass each. */
  private Map<String, Object[]> variables(String leadsOf, Object[] arguments) {
    Map<String, Object[]> leads = new HashMap<>();
    jdbc.query("select v.proc_inst_id_, v.name_, v.text_, v.long_ from act_hi_varinst v join act_hi_procinst p on p.id_ = v.proc_inst_id_"
        + " where v.name_ in ('source', 'leadClass', 'ownerGroup', 'acceptDue') and " + leadsOf, rs -> {
          Object[] lead = leads.computeIfAbsent(rs.getString(1), id -> new Object[SLOTS]);
          int slot = VARIABLE_SLOTS.get(rs.getString(2));
          if (slot != ACCEPT_DUE) {
            lead[slot] = rs.getString(3);
          } else if (rs.getObject(4) != null) {
            lead[slot] = Instant.ofEpochMilli(rs.getLong(4));
          }
        }, arguments);
    return leads;
  }

  /** Per lead, the first acceptance (its time and who) and the first contact or attempt, read in one pass. */
  private Map<String, Object[]> firstEvents(String leadsOf, Object[] arguments) {
    Map<String, Object[]> leads = new HashMap<>();
    Map<String, long[]> firstIds = new HashMap<>();
    jdbc.query("select t.process_instance_id, t.kind, t.happened_at, t.actor, t.id from lh_timeline t"
        + " join act_hi_procinst p on p.id_ = t.process_instance_id where t.kind in " + FACT_KINDS + " and " + leadsOf, rs -> {
          String id = rs.getString(1);
          firstEvent(leads.computeIfAbsent(id, key -> new Object[SLOTS]), firstIds.computeIfAbsent(id, key -> new long[2]), rs, 2);
        }, arguments);
    return leads;
  }

  /**
   * Takes one acceptance, contact or attempt entry (kind, happened_at, actor, id from the given
   * column on) into a lead's slots if it is the first of its kind so far; ties on time go to the
   * entry written first. {@code firstIds} holds the ids of the entries taken.
   */
  static void firstEvent(Object[] lead, long[] firstIds, ResultSet rs, int column) throws SQLException {
    boolean accepted = "ACCEPTED".equals(rs.getString(column));
    int when = accepted ? ACCEPTED_AT : CONTACTED_AT;
    Instant at = instant(rs, column + 1);
    long id = rs.getLong(column + 3);
    Instant earlier = (Instant) lead[when];
    if (earlier == null || at.isBefore(earlier) || (at.equals(earlier) && id < firstIds[accepted ? 0 : 1])) {
      lead[when] = at;
      firstIds[accepted ? 0 : 1] = id;
      if (accepted) {
        lead[ACCEPTED_BY] = rs.getString(column + 2);
      }
    }
  }

  /** The capture time each lead's source gave, for the leads that came through the intake API. */
  private Map<String, Instant> captured(String leadsOf, Object[] arguments) {
    Map<String, Instant> leads = new HashMap<>();
    jdbc.query("select l.process_instance_id, l.captured_at from lh_lead l join act_hi_procinst p on p.id_ = l.process_instance_id where "
        + leadsOf, rs -> {
          leads.put(rs.getString(1), instant(rs, 2));
        }, arguments);
    return leads;
  }

  /** One lead of the window as the first query read it: from its kept row, or waiting for the reads from history. */
  private record Read(String processInstanceId, Object[] lead, Instant started, boolean kept) {}

  private static Lead lead(String processInstanceId, Object[] f, Instant started) {
    return new Lead(processInstanceId, (String) f[LEAD_ID], f[CAPTURED] != null ? (Instant) f[CAPTURED] : started, (Instant) f[ENDED],
        (String) f[SOURCE], (String) f[LEAD_CLASS], (String) f[OWNER_GROUP], (Instant) f[ACCEPT_DUE], (Instant) f[ACCEPTED_AT],
        (String) f[ACCEPTED_BY], (Instant) f[CONTACTED_AT]);
  }

  private static <T> T result(CompletableFuture<T> read) {
    try {
      return read.join();
    } catch (CompletionException failed) {
      throw failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed.getCause());
    }
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
