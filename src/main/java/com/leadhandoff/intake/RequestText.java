package com.leadhandoff.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.List;

/**
 * Reads text fields of a JSON request the same way everywhere: trimmed, Unicode-normalised (NFC),
 * empty treated as absent, bounded in length, and free of control characters, invisible direction
 * overrides and broken surrogate pairs. Problems are added to the caller's list, so a request is
 * answered with all of them at once.
 */
final class RequestText {

  private RequestText() {}

  /** The text, or null if absent, empty or invalid (then a problem has been added). */
  static String read(JsonNode node, String field, int maxLength, boolean multiLine, List<FieldProblem> problems) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (!node.isTextual()) {
      problems.add(new FieldProblem(field, "must be a JSON string, not " + describe(node)));
      return null;
    }
    String text = Normalizer.normalize(node.textValue().strip(), Normalizer.Form.NFC);
    if (text.isEmpty()) {
      return null;
    }
    int length = text.length();
    if (length > maxLength) {
      problems.add(new FieldProblem(field, "is " + length + " characters long (UTF-16 units: an emoji counts 2); at most " + maxLength + " are allowed"));
      return null;
    }
    String bad = firstBadCharacter(text, multiLine);
    if (bad != null) {
      problems.add(new FieldProblem(field, "contains " + bad + "; remove it" + (multiLine ? "" : " (this field is a single line)")));
      return null;
    }
    return text;
  }

  /** A description of the first character that has no place in lead text, or null. */
  private static String firstBadCharacter(String text, boolean multiLine) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        return "a broken UTF-16 surrogate (" + codePoint(c) + ") at position " + (i + 1);
      }
      boolean lineBreakOrTab = c == '\n' || c == '\r' || c == '\t';
      if (Character.isISOControl(c) && !(multiLine && lineBreakOrTab)) {
        return "the control character " + codePoint(c) + " at position " + (i + 1);
      }
      if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF' || c == '\uFFFE' || c == '\uFFFF') {
        return "the invisible formatting character " + codePoint(c) + " at position " + (i + 1);
      }
    }
    return null;
  }

  private static String codePoint(char c) {
    return String.format("U+%04X", (int) c);
  }

  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case NUMBER -> "a number (" + node.asText() + ")";
      case BOOLEAN -> "a boolean (" + node.asText() + ")";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      default -> node.getNodeType().name().toLowerCase();
    };
  }

  /** A name from the request, safe to echo back in an error: at most 60 characters, controls escaped. */
  static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().limit(60).forEach(cp -> {
      if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return name.codePointCount(0, name.length()) > 60 ? out + "…" : out.toString();
  }
}
