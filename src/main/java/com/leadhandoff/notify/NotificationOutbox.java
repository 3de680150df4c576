package com.leadhandoff.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The messages to deliver, one row each. Written in the transaction of the event, so a step that
 * rolls back tells nobody; marked SENT in a transaction of its own the moment a message is out,
 * so a delivery job that is retried for any reason never sends the same message twice.
 */
@Component("notificationOutbox")
public class NotificationOutbox {

  public enum Status { PENDING, SENT }

  public record Delivery(String id, String eventId, String processInstanceId, NotificationEvent event, String recipient,
      NotificationChannels.Kind channel, String address, String subject, String body, Status status, int attempts, String lastError) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  public NotificationOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  void add(Delivery delivery, Instant now) {
    jdbc.update("insert into lh_notification (id, event_id, process_instance_id, event, recipient, channel, address, subject, body, status, attempts, created_at) "
        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)", delivery.id(), delivery.eventId(), delivery.processInstanceId(), delivery.event().name(),
        delivery.recipient(), delivery.channel().name(), delivery.address(), delivery.subject(), delivery.body(), Status.PENDING.name(),
        now.atOffset(ZoneOffset.UTC));
  }

  /** The ids of one event's messages: the collection the "Deliver notification" step runs over. */
  public List<String> deliveries(String eventId) {
    return jdbc.queryForList("select id from lh_notification where event_id = ? order by recipient, channel", String.class, eventId);
  }

  public Optional<Delivery> find(String id) {
    return jdbc.query("select id, event_id, process_instance_id, event, recipient, channel, address, subject, body, status, attempts, last_error "
        + "from lh_notification where id = ?", (rs, row) -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3),
            NotificationEvent.valueOf(rs.getString(4)), rs.getString(5), NotificationChannels.Kind.valueOf(rs.getString(6)), rs.getString(7),
            rs.getString(8), rs.getString(9), Status.valueOf(rs.getString(10)), rs.getInt(11), rs.getString(12)), id).stream().findFirst();
  }

  public List<Delivery> ofLead(String processInstanceId) {
    return jdbc.queryForList("select id from lh_notification where process_instance_id = ? order by created_at, id", String.class, processInstanceId)
        .stream().map(this::find).flatMap(Optional::stream).toList();
  }

  /** Committed at once, whatever happens to the delivery job's own transaction afterwards. */
  void markSent(String id, Instant at, Runnable alsoRecord) {
    ownTransaction.executeWithoutResult(status -> {
      jdbc.update("update lh_notification set status = ?, attempts = attempts + 1, last_error = null, sent_at = ? where id = ?",
          Status.SENT.name(), at.atOffset(ZoneOffset.UTC), id);
      alsoRecord.run();
    });
  }

  /** The failure is kept even though the job's transaction rolls back, so the outbox shows what went wrong. */
  void markFailed(String id, String error) {
    String message = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
    ownTransaction.executeWithoutResult(status ->
        jdbc.update("update lh_notification set attempts = attempts + 1, last_error = ? where id = ?", message, id));
  }
}
