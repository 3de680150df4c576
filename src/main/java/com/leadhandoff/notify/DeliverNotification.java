package com.leadhandoff.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadhandoff.lead.Timeline;
import com.leadhandoff.lead.Timeline.Kind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends one message of the outbox: an email over SMTP or a JSON POST to a webhook. A message
 * already SENT is skipped, so a job run twice sends once. A failure is written to the outbox and
 * thrown, so the job executor retries with the model's backoff and raises an incident when the
 * retries run out; an operator fixes the cause and retries the incident in Cockpit.
 */
@Component("deliverNotification")
public class DeliverNotification implements JavaDelegate {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final NotificationOutbox outbox;
  private final ObjectProvider<JavaMailSender> mail;
  private final NotificationProperties properties;
  private final Timeline timeline;
  private final HttpClient http;
  private final WebhookAddresses addresses;

  public DeliverNotification(NotificationOutbox outbox, ObjectProvider<JavaMailSender> mail, NotificationProperties properties, Timeline timeline,
      WebhookAddresses addresses) {
    this.addresses = addresses;
    this.outbox = outbox;
    this.mail = mail;
    this.properties = properties;
    this.timeline = timeline;
    this.http = HttpClient.newBuilder().connectTimeout(properties.webhookTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = (String) execution.getVariable("notificationId");
    var delivery = outbox.find(id).orElseThrow(() -> new ProcessEngineException("No notification " + id + " in the outbox"));
    if (delivery.status() == NotificationOutbox.Status.SENT) {
      return;
    }
    try {
      switch (delivery.channel()) {
        case EMAIL -> email(delivery);
        case WEBHOOK -> webhook(delivery);
      }
    } catch (RuntimeException | IOException failure) {
      String problem = delivery.channel().name().toLowerCase() + " to " + delivery.address() + " failed: " + failure.getMessage();
      outbox.markFailed(id, problem);
      throw new ProcessEngineException(problem, failure);
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    outbox.markSent(id, now, () -> {
      if (delivery.processInstanceId() != null) {
        timeline.record(delivery.processInstanceId(), Kind.NOTIFIED, delivery.event().name().toLowerCase().replace('_', ' ') + " sent by "
            + delivery.channel().name().toLowerCase() + " to " + delivery.recipient() + ": " + delivery.subject(), null);
      }
    });
  }

  private void email(NotificationOutbox.Delivery delivery) {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      throw new IllegalStateException("mail is not configured: set spring.mail.host (and port, username, password)");
    }
    var message = new SimpleMailMessage();
    message.setFrom(properties.from());
    message.setTo(delivery.address());
    message.setSubject(delivery.subject());
    message.setText(delivery.body());
    try {
      sender.send(message);
    } catch (MailException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private void webhook(NotificationOutbox.Delivery delivery) throws IOException {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", delivery.id());
    payload.put("event", delivery.event().name());
    payload.put("leadProcessInstanceId", delivery.processInstanceId());
    payload.put("recipient", delivery.recipient());
    payload.put("subject", delivery.subject());
    payload.put("text", delivery.body());
    payload.put("tasklistUrl", properties.tasklistUrl());
    var request = HttpRequest.newBuilder(addresses.check(delivery.address()))
        .timeout(properties.webhookTimeout())
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", delivery.id())
        .header("User-Agent", "lead-handoff")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload)))
        .build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the webhook", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("the webhook answered HTTP " + response.statusCode());
    }
  }
}
