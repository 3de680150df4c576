package com.leadhandoff.insights;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps each lead's facts ({@link LeadFacts}) in one row of {@code lh_lead_fact} as the lead ends,
 * in the transaction that ends it, so that health and the weekly review read one row per ended
 * lead instead of its variables and timeline. Called by the lead process's end listener
 * ({@code bpmn/lead-handoff.bpmn}). Leads that ended without it (before the table existed, on an
 * older version of the process, or cancelled with listeners skipped) get their row at the next
 * start.
 */
@Component("keptLeadFacts")
public class KeptLeadFacts {

  private static final Logger log = LoggerFactory.getLogger(KeptLeadFacts.class);
  private static final int BATCH = 500;
  private static final int MAX_TEXT = 4000;
  private static final int MAX_ACTOR = 200;
  private static final String INSERT = "insert into lh_lead_fact (process_instance_id, captured_at, source, lead_class, owner_group,"
      + " accept_due, accepted_at, accepted_by, contacted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcTemplate jdbc;
  private final LeadFacts facts;

  public KeptLeadFacts(JdbcTemplate jdbc, LeadFacts facts) {
    this.jdbc = jdbc;
    this.facts = facts;
  }

  /**
   * On the end of the lead's process. Its variables are the execution's (history may not hold
   * the ones set in this transaction yet); its timeline entries are written as they happen.
   */
  public void keep(DelegateExecution execution) {
    String id = execution.getProcessInstanceId();
    Object[] lead = new Object[LeadFacts.SLOTS];
    long[] firstIds = new long[2];
    jdbc.query("select kind, happened_at, actor, id from lh_timeline where process_instance_id = ? and kind in " + LeadFacts.FACT_KINDS,
        rs -> {
          LeadFacts.firstEvent(lead, firstIds, rs, 1);
        }, id);
    jdbc.query("select captured_at from lh_lead where process_instance_id = ?", rs -> {
      lead[LeadFacts.CAPTURED] = LeadFacts.instant(rs, 1);
    }, id);
    lead[LeadFacts.SOURCE] = text(execution.getVariable("source"));
    lead[LeadFacts.LEAD_CLASS] = text(execution.getVariable("leadClass"));
    lead[LeadFacts.OWNER_GROUP] = text(execution.getVariable("ownerGroup"));
    lead[LeadFacts.ACCEPT_DUE] = moment(execution.getVariable("acceptDue"));
    jdbc.update(INSERT, row(id, lead));
  }

  /** At start: a failure is logged, not fatal, as health reads leads without a row from history. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(1)
  public void atStart() {
    try {
      keepEndedLeads();
    } catch (RuntimeException failed) {
      log.warn("Could not keep the facts of leads that ended without them; health and the weekly review read them from history,"
          + " more slowly", failed);
    }
  }

  /** Keeps the facts of every ended lead that has no row yet, a batch at a time; returns how many. */
  public synchronized int keepEndedLeads() {
    int kept = 0;
    while (true) {
      List<String> ids = jdbc.queryForList("select p.id_ from act_hi_procinst p where p.proc_def_key_ = '" + LeadFacts.PROCESS + "'"
          + " and p.end_time_ is not null and not exists (select 1 from lh_lead_fact f where f.process_instance_id = p.id_)"
          + " fetch first " + BATCH + " rows only", String.class);
      if (ids.isEmpty()) {
        break;
      }
      Map<String, Object[]> read = facts.fromHistory(ids);
      List<Object[]> rows = new ArrayList<>(ids.size());
      for (String id : ids) {
        rows.add(row(id, read.getOrDefault(id, new Object[LeadFacts.SLOTS])));
      }
      try {
        jdbc.batchUpdate(INSERT, rows);
        kept += rows.size();
      } catch (DuplicateKeyException anotherNode) {
        // another node keeps the same leads at its start: the next batch leaves out the ones it kept
        log.debug("Another node kept some of these leads' facts first; reading the rest again", anotherNode);
      }
    }
    if (kept > 0) {
      log.info("Kept the facts of {} leads that ended without them, for health and the weekly review", kept);
    }
    return kept;
  }

  /** The row to insert, its text cut to the columns' lengths. */
  private static Object[] row(String id, Object[] lead) {
    return new Object[] {id, at(lead[LeadFacts.CAPTURED]), truncate((String) lead[LeadFacts.SOURCE], MAX_TEXT),
        truncate((String) lead[LeadFacts.LEAD_CLASS], MAX_TEXT), truncate((String) lead[LeadFacts.OWNER_GROUP], MAX_TEXT),
        at(lead[LeadFacts.ACCEPT_DUE]), at(lead[LeadFacts.ACCEPTED_AT]), truncate((String) lead[LeadFacts.ACCEPTED_BY], MAX_ACTOR),
        at(lead[LeadFacts.CONTACTED_AT])};
  }

  /** Text variables as history holds them; a variable of another type has no text there either. */
  private static String text(Object value) {
    return value instanceof String text ? text : null;
  }

  /** A date variable, or epoch milliseconds, as history's long column holds them. */
  private static Instant moment(Object value) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    return value instanceof Long || value instanceof Integer || value instanceof Short ? Instant.ofEpochMilli(((Number) value).longValue())
        : null;
  }

  private static String truncate(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }

  private static java.time.OffsetDateTime at(Object instant) {
    return instant == null ? null : ((Instant) instant).atOffset(ZoneOffset.UTC);
  }
}
