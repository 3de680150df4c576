package com.leadhandoff.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.server.ResponseStatusException;
import com.leadhandoff.intake.LeadsApi;
import com.leadhandoff.security.ApiAuthentication;
import org.camunda.bpm.engine.IdentityService;

/** The demo mailbox's two doors: the webhook the demo users' channels call (loopback only) and a page listing what arrived. */
@Hidden
@RestController
@ConditionalOnProperty("lead-handoff.demo.mailbox.enabled")
public class DemoInbox {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE HH:mm:ss").withZone(ZoneId.systemDefault());

  private final DemoMailbox mailbox;
  private final IdentityService identityService;

  public DemoInbox(DemoMailbox mailbox, IdentityService identityService) {
    this.mailbox = mailbox;
    this.identityService = identityService;
  }

  @PostMapping(path = "/demo/webhook", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Void> webhook(@RequestBody JsonNode payload, HttpServletRequest request) throws UnknownHostException {
    if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    mailbox.receivedWebhook(payload.path("recipient").asText(), payload.path("subject").asText(), payload.path("text").asText());
    return ResponseEntity.noContent().build();
  }

  @GetMapping(path = "/api/demo/inbox", produces = MediaType.TEXT_HTML_VALUE)
  public String inbox(@RequestAttribute(LeadsApi.CALLER) String caller) {
    boolean manager = ApiAuthentication.memberOfAny(identityService, caller, java.util.List.of("managers", "camunda-admin"));
    if (!manager) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The demo inbox shows every notification: log in as a manager");
    }
    StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Demo inbox</title>"
        + "<style>body{font-family:sans-serif;margin:2em}td,th{border-bottom:1px solid #ddd;padding:.4em;vertical-align:top;text-align:left}"
        + "pre{white-space:pre-wrap;margin:0}</style></head><body><h1>Demo inbox</h1>"
        + "<p>Emails the demo's SMTP server received and webhook calls the demo receiver got, newest first.</p>"
        + "<table><tr><th>When</th><th>Channel</th><th>To</th><th>Subject</th><th>Message</th></tr>");
    for (var message : mailbox.messages()) {
      html.append("<tr><td>").append(TIME.format(message.at())).append("</td><td>").append(message.channel())
          .append("</td><td>").append(HtmlUtils.htmlEscape(message.to())).append("</td><td>").append(HtmlUtils.htmlEscape(message.subject()))
          .append("</td><td><pre>").append(HtmlUtils.htmlEscape(message.body())).append("</pre></td></tr>");
    }
    return html.append("</table></body></html>").toString();
  }
}
