package com.leadhandoff.intake;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The intake tables (see db/migration): leads, the inquiries that created or joined them, and the
 * open leads' contact channels. Constraint violations here are how concurrent requests learn
 * they lost a race; {@link LeadIntake} retries them.
 */
@Repository
public class LeadStore {

  /** A lead captured through the API. */
  public record Lead(String id, String processInstanceId, String source, String externalId, OffsetDateTime capturedAt,
      String splitFrom, OffsetDateTime closedAt, String outcome) {
    public boolean open() {
      return closedAt == null;
    }
  }

  /** One accepted POST: the lead it created or joined, and how. */
  public record Inquiry(String id, String leadId, String source, String externalId, String status,
      OffsetDateTime receivedAt, String receivedBy, String payload) {}

  private static final RowMapper<Lead> LEAD = (rs, row) -> new Lead(rs.getString("id"), rs.getString("process_instance_id"),
      rs.getString("source"), rs.getString("external_id"), rs.getObject("captured_at", OffsetDateTime.class),
      rs.getString("split_from"), rs.getObject("closed_at", OffsetDateTime.class), rs.getString("outcome"));
  private static final RowMapper<Inquiry> INQUIRY = (rs, row) -> new Inquiry(rs.getString("id"), rs.getString("lead_id"),
      rs.getString("source"), rs.getString("external_id"), rs.getString("status"),
      rs.getObject("received_at", OffsetDateTime.class), rs.getString("received_by"), rs.getString("payload"));

  private final JdbcTemplate jdbc;

  public LeadStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insertLead(Lead lead) {
    jdbc.update("insert into lh_lead (id, process_instance_id, source, external_id, captured_at, split_from) values (?, ?, ?, ?, ?, ?)",
        lead.id(), lead.processInstanceId(), lead.source(), lead.externalId(), lead.capturedAt(), lead.splitFrom());
  }

  public void insertInquiry(Inquiry inquiry) {
    jdbc.update("insert into lh_inquiry (id, lead_id, source, external_id, status, received_at, received_by, payload) "
        + "values (?, ?, ?, ?, ?, ?, ?, ?)", inquiry.id(), inquiry.leadId(), inquiry.source(), inquiry.externalId(),
        inquiry.status(), inquiry.receivedAt(), inquiry.receivedBy(), inquiry.payload());
  }

  /** Claims each contact key for the lead; fails with a duplicate-key error if another open lead holds one. */
  public void claimContacts(String leadId, List<String> contactKeys) {
    for (String key : contactKeys) {
      jdbc.update("insert into lh_open_contact (contact_key, lead_id) values (?, ?)", key, leadId);
    }
  }

  /**
   * Adds the channels no open lead holds yet to this lead (a joined inquiry brought a new email),
   * so the person is found by it too. A concurrent claim of the same key fails the transaction,
   * which is then run again and finds it held.
   */
  public void claimFreeContacts(String leadId, List<String> contactKeys) {
    for (String key : contactKeys) {
      if (jdbc.queryForObject("select count(*) from lh_open_contact where contact_key = ?", Integer.class, key) == 0) {
        jdbc.update("insert into lh_open_contact (contact_key, lead_id) values (?, ?)", key, leadId);
      }
    }
  }

  /** The open lead holding any of these keys, locked until this transaction ends, so joins to it queue up. */
  public Optional<String> lockOpenLead(List<String> contactKeys) {
    if (contactKeys.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.queryForList("select lead_id from lh_open_contact where contact_key in (" + placeholders(contactKeys) + ") order by contact_key for update",
        String.class, contactKeys.toArray()).stream().findFirst();
  }

  /**
   * Locks the engine's row of a task until this transaction ends, so the lead cannot move the
   * task on (climb a level, complete it) meanwhile; false when the task is already gone.
   */
  public boolean holdTask(String taskId) {
    return !jdbc.queryForList("select id_ from act_ru_task where id_ = ? for update", String.class, taskId).isEmpty();
  }

  public List<String> openLeadIds(List<String> contactKeys) {
    if (contactKeys.isEmpty()) {
      return List.of();
    }
    return jdbc.queryForList("select distinct lead_id from lh_open_contact where contact_key in (" + placeholders(contactKeys) + ")",
        String.class, contactKeys.toArray());
  }

  private static String placeholders(List<String> values) {
    return String.join(", ", values.stream().map(value -> "?").toList());
  }

  public Optional<Inquiry> inquiry(String source, String externalId) {
    return jdbc.query("select * from lh_inquiry where source = ? and external_id = ?", INQUIRY, source, externalId).stream().findFirst();
  }

  public Optional<Inquiry> inquiry(String id) {
    return jdbc.query("select * from lh_inquiry where id = ?", INQUIRY, id).stream().findFirst();
  }

  public Optional<Lead> lead(String id) {
    return jdbc.query("select * from lh_lead where id = ?", LEAD, id).stream().findFirst();
  }

  public Optional<Lead> leadOfProcess(String processInstanceId) {
    return jdbc.query("select * from lh_lead where process_instance_id = ?", LEAD, processInstanceId).stream().findFirst();
  }

  public int inquiryCount(String leadId) {
    return jdbc.queryForObject("select count(*) from lh_inquiry where lead_id = ?", Integer.class, leadId);
  }

  /** The lead is closed: its contact channels are free for a new lead. Idempotent. */
  public void close(String processInstanceId, String outcome, OffsetDateTime at) {
    jdbc.update("delete from lh_open_contact where lead_id in (select id from lh_lead where process_instance_id = ?)", processInstanceId);
    jdbc.update("update lh_lead set closed_at = ?, outcome = ? where process_instance_id = ? and closed_at is null",
        at, outcome, processInstanceId);
  }
}
