package com.leadhandoff.intake;

import com.leadhandoff.DemoApplicationTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadhandoff.intake.ApiClient.Answer;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import com.leadhandoff.security.ApiAndEngineRestSecurityIT;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Several hundred generated bad requests against the running application: wrong types, missing
 * and broken bodies, oversized texts, invalid phones and emails, control characters, broken
 * Unicode, nesting bombs, SQL and expression-language injection, wrong content types, methods and
 * credentials. Every one must get a 4xx with a problem body, none a 5xx, and none may leave a
 * process instance or a row behind.
 */
@DemoApplicationTest
class BadInputCorpusIT {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> TEXT_FIELDS = List.of("externalId", "fullName", "preferredContactWindow", "capturedBy");
  private static final List<String> MULTILINE_FIELDS = List.of("problem", "notes");
  private static final List<String> INJECTIONS = List.of("' OR '1'='1", "'; DROP TABLE lh_lead; --", "1; DELETE FROM act_ru_task",
      "${7*7}", "#{7*7}", "${jndi:ldap://127.0.0.1/x}", "<script>alert(1)</script>", "../../etc/passwd", "%00", "{{7*7}}");

  /** One bad request and what it is for. */
  record Case(String name, String method, String path, String contentType, byte[] body, String user) {}

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;

  @TestFactory
  Stream<DynamicTest> everyBadRequestGetsA4xxProblemAndLeavesNothingBehind() {
    ApiAndEngineRestSecurityIT.createProbeAccount(identityService);
    ApiClient api = new ApiClient(port);
    List<Case> corpus = corpus();
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
    Map<String, Long>[] counts = new Map[1];
    DynamicTest countFirst = DynamicTest.dynamicTest("count leads and rows before", () -> counts[0] = counts());
    Stream<DynamicTest> requests = corpus.stream().map(bad -> DynamicTest.dynamicTest(bad.name(), () -> {
      Answer answer = api.send(request(api, bad));
      assertThat(answer.status()).as(bad.name() + " → " + answer.raw().body()).isBetween(400, 499);
      assertThat(answer.contentType()).as(bad.name()).startsWith("application/problem+json");
      assertThat(answer.body()).as(bad.name()).isNotNull();
      assertThat(answer.body().get("status").asInt()).isEqualTo(answer.status());
      assertThat(answer.body().get("title").asText()).isNotBlank();
      assertThat(answer.body().get("detail").asText()).isNotBlank();
      if (answer.status() == 400 && answer.body().has("errors")) {
        assertThat(answer.body().get("errors")).allSatisfy(error -> assertThat(error.get("message").asText()).isNotBlank());
      }
    }));
    DynamicTest nothingLeft = DynamicTest.dynamicTest("no process instance or row left behind",
        () -> assertThat(counts()).isEqualTo(counts[0]));
    return Stream.concat(Stream.of(countFirst), Stream.concat(requests, Stream.of(nothingLeft)));
  }

  private Map<String, Long> counts() {
    return Map.of(
        "process instances", historyService.createHistoricProcessInstanceQuery().count(),
        "leads", jdbc.queryForObject("select count(*) from lh_lead", Long.class),
        "inquiries", jdbc.queryForObject("select count(*) from lh_inquiry", Long.class),
        "open contacts", jdbc.queryForObject("select count(*) from lh_open_contact", Long.class));
  }

  private static HttpRequest request(ApiClient api, Case bad) {
    var builder = api.request(bad.path(), null);
    if (bad.user() != null) {
      builder.header("Authorization", bad.user().startsWith("raw:") ? bad.user().substring(4) : ApiClient.basic(bad.user(), "demo"));
    }
    if (bad.contentType() != null) {
      builder.header("Content-Type", bad.contentType());
    }
    var body = bad.body() == null ? HttpRequest.BodyPublishers.noBody() : BodyPublishers.ofByteArray(bad.body());
    return builder.method(bad.method(), body).build();
  }

  // ---------------------------------------------------------------- the corpus

  static List<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    Consumer<Case> add = cases::add;

    // Wrong JSON types for every field.
    Map<String, List<JsonNode>> wrongTypes = Map.ofEntries(
        Map.entry("source", List.of(NODES.numberNode(1), NODES.booleanNode(true), NODES.arrayNode().add("call"), NODES.objectNode())),
        Map.entry("phone", List.of(NODES.numberNode(5125550142L), NODES.booleanNode(true), NODES.arrayNode().add("5125550142"), NODES.objectNode())),
        Map.entry("email", List.of(NODES.numberNode(7), NODES.booleanNode(false), NODES.arrayNode(), NODES.objectNode().put("a", "b"))),
        Map.entry("activeLoss", List.of(NODES.textNode("yes"), NODES.textNode("true"), NODES.numberNode(1), NODES.arrayNode())),
        Map.entry("consentToContact", List.of(NODES.textNode("yes"), NODES.numberNode(0), NODES.objectNode(), NODES.textNode("false"))),
        Map.entry("estimatedValue", List.of(NODES.textNode("18000"), NODES.booleanNode(true), NODES.arrayNode().add(1), NODES.textNode("$5k"))),
        Map.entry("address", List.of(NODES.textNode("12 Oak St, Austin"), NODES.numberNode(12), NODES.arrayNode().add("12 Oak St"), NODES.booleanNode(true))),
        Map.entry("context", List.of(NODES.textNode("transcript"), NODES.arrayNode().add("a"), NODES.numberNode(3), NODES.booleanNode(true))),
        Map.entry("capturedAt", List.of(NODES.numberNode(1732440000000L), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode())),
        Map.entry("customerType", List.of(NODES.numberNode(1), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode())));
    wrongTypes.forEach((field, values) -> values.forEach(value ->
        add.accept(lead("wrong type: " + field + " = " + value, body -> body.set(field, value)))));
    for (String field : List.of("externalId", "fullName", "serviceType", "problem", "preferredContactWindow", "capturedBy", "notes")) {
      for (JsonNode value : List.of(NODES.numberNode(42), NODES.booleanNode(false), NODES.arrayNode().add("x"), NODES.objectNode().put("x", "y"))) {
        add.accept(lead("wrong type: " + field + " = " + value, body -> body.set(field, value)));
      }
    }

    // Missing, empty and broken bodies.
    for (String raw : List.of("", " ", "null", "[]", "[{}]", "\"lead\"", "42", "true", "{", "{\"source\":", "{\"source\":\"call\",}",
        "{'source':'call'}", "{\"source\":\"call\"} trailing", "{\"source\":\"call\",\"phone\":\"5125550142\"}{}",
        "{\"source\":\"call\",\"source\":\"web-form\",\"phone\":\"5125550142\"}", "{\"source\":\"call\",\"phone\":NaN}",
        "{\"source\":\"call\" /* comment */,\"phone\":\"5125550142\"}", "{\"source\":\"call\",\"phone\":\"5125550142\",}")) {
      add.accept(raw("broken body: " + (raw.isEmpty() ? "(empty)" : raw), raw.getBytes(StandardCharsets.UTF_8)));
    }
    add.accept(raw("broken body: invalid UTF-8", new byte[] {'{', '"', 's', 'o', 'u', 'r', 'c', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
    add.accept(raw("broken body: lone continuation byte", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0x80, '"', '}'}));
    add.accept(new Case("no body at all", "POST", "/api/leads", "application/json", null, "website"));

    // Missing required parts.
    add.accept(json("no source", "{\"phone\":\"5125550142\"}"));
    add.accept(json("source null", "{\"source\":null,\"phone\":\"5125550142\"}"));
    add.accept(json("source empty", "{\"source\":\"  \",\"phone\":\"5125550142\"}"));
    add.accept(json("no contact channel", "{\"source\":\"call\",\"fullName\":\"Ann\"}"));
    add.accept(json("blank contact channels", "{\"source\":\"call\",\"phone\":\"  \",\"email\":\"\"}"));
    add.accept(json("null contact channels", "{\"source\":\"call\",\"phone\":null,\"email\":null,\"fullName\":\"Ann\"}"));
    add.accept(json("empty object", "{}"));

    // Values outside their sets.
    for (String source : List.of("Web Form", "web_form", "email", "walk-in", "CALLS", "call\u00a0", "ca ll")) {
      add.accept(lead("unknown source '" + source + "'", body -> body.put("source", source)));
    }
    for (String type : List.of("business", "home", "resi", "R", "commercial-ish")) {
      add.accept(lead("unknown customerType '" + type + "'", body -> body.put("customerType", type)));
    }

    // Invalid phones and emails.
    for (String phone : List.of("123", "abc", "+1 555", "555-555-555555555", "+1 512 555 014", "+999 1234 5678", "0000000000",
        "+1 512 555 01999999", "phone", "+", "+44", "(512) 555-01", "1-800-FLOWERS-NOW-PLEASE", "+1 000 555 0142")) {
      add.accept(lead("invalid phone '" + phone + "'", body -> body.put("phone", phone)));
    }
    for (String email : List.of("a", "a@", "@b.com", "a@b", "a b@c.com", "a@b..com", "a@@b.com", "a@b.c", "a@-b.com", ".a@b.com",
        "a.@b.com", "a@b.invalidtld", "<script>@x.com", "a@b.com>", "\"unclosed@b.com")) {
      add.accept(lead("invalid email '" + email + "'", body -> body.put("email", email)));
    }

    // Injection strings in fields that only take a strict form.
    for (String attack : INJECTIONS) {
      add.accept(lead("injection in phone: " + attack, body -> body.put("phone", attack)));
      add.accept(lead("injection in email: " + attack, body -> body.put("email", attack + "@")));
      add.accept(lead("injection in source: " + attack, body -> body.put("source", attack)));
      add.accept(lead("injection in customerType: " + attack, body -> body.put("customerType", attack)));
      add.accept(lead("injection in capturedAt: " + attack, body -> body.put("capturedAt", attack)));
      add.accept(lead("injection in serviceType: " + attack, body -> body.put("serviceType", attack)));
      add.accept(lead("injection in postalCode: " + attack, body -> body.set("address", NODES.objectNode().put("postalCode", attack))));
      add.accept(lead("injection as a field name: " + attack, body -> body.put(attack, "x")));
      add.accept(lead("injection as a context name: " + attack, body -> body.set("context", NODES.objectNode().put(attack, "x"))));
    }

    // Oversized texts, one character over each limit.
    Map<String, Integer> limits = Map.of("externalId", 200, "fullName", 200, "preferredContactWindow", 200, "capturedBy", 200,
        "problem", 4000, "notes", 20000, "serviceType", 60, "email", 254, "phone", 40);
    limits.forEach((field, limit) -> add.accept(lead("too long: " + field + " (" + (limit + 1) + " characters)",
        body -> body.put(field, "a".repeat(limit + 1)))));
    add.accept(lead("too long: context.transcript", body -> body.set("context", NODES.objectNode().put("transcript", "a".repeat(20001)))));
    add.accept(lead("too long: address.line1", body -> body.set("address", NODES.objectNode().put("line1", "a".repeat(201)))));
    add.accept(lead("too long: address.postalCode", body -> body.set("address", NODES.objectNode().put("postalCode", "1".repeat(13)))));
    add.accept(raw("body over the size limit", ("{\"source\":\"call\",\"phone\":\"5125550142\",\"notes\":\"" + "x".repeat(70_000) + "\"}")
        .getBytes(StandardCharsets.UTF_8)));
    add.accept(raw("one megabyte body", ("{\"notes\":\"" + "y".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8)));

    // Control characters and broken Unicode.
    for (String field : TEXT_FIELDS) {
      for (String bad : List.of("\u0000", "\u0007", "\u001b[31m", "\n", "\r", "\t", "\u007f", "\u202e", "\u2066", "\ufeff")) {
        add.accept(lead("control or format character " + escape(bad) + " in " + field, body -> body.put(field, "Ann" + bad + "Lee")));
      }
    }
    for (String field : MULTILINE_FIELDS) {
      for (String bad : List.of("\u0000", "\u0008", "\u001b", "\u202e")) {
        add.accept(lead("control character " + escape(bad) + " in " + field, body -> body.put(field, "water" + bad + "everywhere")));
      }
    }
    for (String raw : List.of("\\ud800", "\\udfff", "\\ud800\\u0041", "a\\udc00b")) {
      add.accept(json("broken surrogate " + raw + " in fullName", "{\"source\":\"call\",\"phone\":\"5125550142\",\"fullName\":\"" + raw + "\"}"));
      add.accept(json("broken surrogate " + raw + " in problem", "{\"source\":\"call\",\"phone\":\"5125550142\",\"problem\":\"" + raw + "\"}"));
    }

    // Nesting bombs.
    for (int depth : List.of(11, 50, 1_000, 5_000)) {
      add.accept(raw("array nesting " + depth, ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8)));
      add.accept(raw("context nesting " + depth, ("{\"source\":\"call\",\"phone\":\"5125550142\",\"context\":" + "{\"a\":".repeat(depth) + "1"
          + "}".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8)));
    }
    add.accept(lead("context value is an object", body -> body.set("context", NODES.objectNode().set("page", NODES.objectNode().put("url", "/x")))));
    add.accept(lead("context value is a number", body -> body.set("context", NODES.objectNode().put("campaignId", 42))));
    add.accept(lead("context has 21 entries", body -> {
      ObjectNode context = NODES.objectNode();
      for (int i = 0; i < 21; i++) {
        context.put("k" + i, "v");
      }
      body.set("context", context);
    }));
    add.accept(lead("address has an unknown field", body -> body.set("address", NODES.objectNode().put("street", "12 Oak St"))));
    for (String unknown : List.of("phoneNumber", "name", "Address", "__proto__", "constructor", "leadId", "ownerGroup", "priority")) {
      add.accept(lead("unknown field " + unknown, body -> body.put(unknown, "x")));
    }

    // Times and amounts.
    for (String time : List.of("2026-11-24 10:15", "2026-11-24T10:15:00", "24/11/2026", "yesterday", "2026-13-01T00:00:00Z",
        "2026-11-31T10:00:00Z", OffsetDateTime.now().plusDays(1).toString(), "9999-12-31T23:59:59Z")) {
      add.accept(lead("capturedAt " + time, body -> body.put("capturedAt", time)));
    }
    for (String amount : List.of("-1", "-0.01", "1e12", "1e400", "10000000000", "123456789012345678901234567890123456789012345")) {
      add.accept(json("estimatedValue " + amount, "{\"source\":\"call\",\"phone\":\"5125550142\",\"estimatedValue\":" + amount + "}"));
    }

    // Wrong content types and methods.
    for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/octet-stream", "text/html", "application/json-patch+json")) {
      add.accept(new Case("content type " + type, "POST", "/api/leads", type, "{\"source\":\"call\",\"phone\":\"5125550142\"}".getBytes(), "website"));
    }
    add.accept(new Case("no content type", "POST", "/api/leads", null, "{\"source\":\"call\",\"phone\":\"5125550142\"}".getBytes(), "website"));
    for (String method : List.of("PUT", "DELETE", "PATCH")) {
      add.accept(new Case("method " + method, method, "/api/leads", "application/json", "{}".getBytes(), "website"));
    }

    // Credentials.
    for (String header : List.of("raw:Basic", "raw:Basic !!!", "raw:Bearer abc.def.ghi", "raw:Basic " + b64("website"),
        "raw:Basic " + b64(ApiAndEngineRestSecurityIT.WRONG_PASSWORD_PROBE + ":wrong"), "raw:Basic " + b64(":demo"), "raw:Basic " + b64("nobody:demo"), "raw:basic")) {
      add.accept(new Case("credentials " + header.substring(4), "POST", "/api/leads", "application/json",
          "{\"source\":\"call\",\"phone\":\"5125550142\"}".getBytes(), header));
    }
    add.accept(new Case("no credentials", "POST", "/api/leads", "application/json", "{\"source\":\"call\",\"phone\":\"5125550142\"}".getBytes(), null));
    add.accept(new Case("staff outside the API groups", "POST", "/api/leads", "application/json",
        "{\"source\":\"call\",\"phone\":\"5125550142\"}".getBytes(), "dispatcher"));

    // Notes and searches.
    String unknownLead = "/api/leads/00000000-0000-0000-0000-000000000000";
    add.accept(new Case("note on an unknown lead", "POST", unknownLead + "/notes", "application/json", "{\"text\":\"hi\"}".getBytes(), "website"));
    add.accept(new Case("status of an unknown lead", "GET", unknownLead, null, null, "website"));
    add.accept(new Case("status of a lead with an injected id", "GET", "/api/leads/1%27%20OR%20%271%27=%271", null, null, "website"));
    for (String note : List.of("{}", "{\"text\":42}", "{\"text\":\"\"}", "{\"text\":\"a\",\"extra\":1}", "[]", "{\"text\":\"a\\u0000b\"}",
        "{\"text\":\"ok\",\"author\":\"a\\nb\"}", "not json")) {
      add.accept(new Case("note body " + note, "POST", unknownLead + "/notes", "application/json", note.getBytes(), "website"));
    }
    for (String query : List.of("", "?phone=", "?phone=abc", "?email=nobody", "?email=a@b", "?phone=%24%7B7*7%7D", "?phone=1%27%20OR%201=1")) {
      add.accept(new Case("search " + (query.isEmpty() ? "without parameters" : query), "GET", "/api/leads" + query, null, null, "website"));
    }
    add.accept(new Case("unknown API path", "GET", "/api/nothing-here", null, null, "website"));
    return cases;
  }

  /** A valid lead with one thing made bad. */
  private static Case lead(String name, Consumer<ObjectNode> spoil) {
    ObjectNode body = NODES.objectNode()
        .put("source", "web-form")
        .put("externalId", "corpus-" + Math.abs(name.hashCode()))
        .put("fullName", "Corpus Case")
        .put("phone", "512-555-0100")
        .put("problem", "Leaking faucet");
    spoil.accept(body);
    return raw(name, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Case json(String name, String json) {
    return raw(name, json.getBytes(StandardCharsets.UTF_8));
  }

  private static Case raw(String name, byte[] body) {
    return new Case(name, "POST", "/api/leads", "application/json", body, "website");
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    text.chars().forEach(c -> out.append(c < 32 || c > 126 ? String.format("U+%04X", c) : String.valueOf((char) c)));
    return out.toString();
  }

  private static String b64(String text) {
    return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
