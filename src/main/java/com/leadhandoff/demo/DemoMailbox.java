package com.leadhandoff.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The demo's mailbox: an SMTP server on 127.0.0.1 (GreenMail) that the demo's mail settings point
 * at, and a store for the webhook calls the demo users' channels make. Only in the demo profile;
 * production uses a real SMTP server and real webhook receivers.
 */
@Component
@ConditionalOnProperty("lead-handoff.demo.mailbox.enabled")
public class DemoMailbox implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DemoMailbox.class);
  private static final int KEPT = 200;

  public record Message(Instant at, String channel, String to, String subject, String body) {}

  private final int port;
  private final Deque<Message> webhooks = new ConcurrentLinkedDeque<>();
  private final ObjectProvider<JavaMailSender> mailSender;
  private GreenMail smtp;

  public DemoMailbox(DemoProperties demo, ObjectProvider<JavaMailSender> mailSender) {
    this.port = demo.mailbox().smtpPort();
    this.mailSender = mailSender;
  }

  /** Port 0 takes a free port and points the application's mail sender at it. */
  @Override
  public void start() {
    try {
      var setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
      smtp = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
      smtp.start();
      int actual = smtp.getSmtp().getPort();
      if (mailSender.getIfAvailable() instanceof JavaMailSenderImpl sender && "127.0.0.1".equals(sender.getHost())) {
        sender.setPort(actual);
      }
      log.info("Demo mailbox: SMTP on 127.0.0.1:{}; read it at /api/demo/inbox", actual);
    } catch (RuntimeException portTaken) {
      smtp = null;
      log.warn("Demo mailbox not started ({}): demo emails will fail and show as incidents in Cockpit", portTaken.getMessage());
    }
  }

  @Override
  public void stop() {
    if (smtp != null) {
      smtp.stop();
      smtp = null;
    }
  }

  @Override
  public boolean isRunning() {
    return smtp != null;
  }

  void receivedWebhook(String to, String subject, String body) {
    webhooks.addFirst(new Message(Instant.now(), "webhook", to, subject, body));
    while (webhooks.size() > KEPT) {
      webhooks.removeLast();
    }
  }

  /** Emails and webhook calls, newest first. */
  List<Message> messages() {
    List<Message> all = new ArrayList<>(webhooks);
    if (smtp != null) {
      for (MimeMessage mail : smtp.getReceivedMessages()) {
        try {
          all.add(new Message(mail.getSentDate() == null ? Instant.EPOCH : mail.getSentDate().toInstant(), "email",
              String.valueOf(mail.getAllRecipients()[0]), mail.getSubject(), String.valueOf(mail.getContent())));
        } catch (MessagingException | java.io.IOException unreadable) {
          log.debug("Unreadable demo email", unreadable);
        }
      }
    }
    all.sort((a, b) -> b.at().compareTo(a.at()));
    return all;
  }
}
