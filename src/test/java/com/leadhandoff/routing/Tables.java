package com.leadhandoff.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;

/** The packaged tables as text, and the edits the routing tests make to them. */
final class Tables {

  private Tables() {}

  static String packaged(String resource) {
    try {
      return new String(new ClassPathResource(resource).getContentAsByteArray(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String routing() {
    return packaged("dmn/lead-routing.dmn");
  }

  static String ladder() {
    return packaged("dmn/escalation-ladder.dmn");
  }

  /** The table with the premium threshold moved, as an ops lead would edit it in Modeler. */
  static String premiumFrom(int threshold) {
    return routing().replace("&gt;= 5000", "&gt;= " + threshold);
  }

  /** The XML of one rule, by id. */
  static String rule(String xml, String id) {
    Matcher rule = Pattern.compile("<rule id=\"" + Pattern.quote(id) + "\">.*?</rule>", Pattern.DOTALL).matcher(xml);
    if (!rule.find()) {
      throw new IllegalArgumentException("no rule " + id);
    }
    return rule.group();
  }

  /** Replaces text inside one rule only. */
  static String inRule(String xml, String id, String from, String to) {
    String rule = rule(xml, id);
    if (!rule.contains(from)) {
      throw new IllegalArgumentException(id + " has no " + from);
    }
    return xml.replace(rule, rule.replace(from, to));
  }

  static byte[] bytes(String xml) {
    return xml.getBytes(StandardCharsets.UTF_8);
  }
}
