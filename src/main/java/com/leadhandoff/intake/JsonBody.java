package com.leadhandoff.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Component;

/**
 * Reads a request body as JSON with hard limits: the byte size is capped before anything is
 * parsed, nesting deeper than a lead ever needs is refused, duplicate keys and trailing garbage
 * are errors. A body that breaks a limit is refused whole; nothing is guessed.
 */
@Component
public class JsonBody {

  private static final int MAX_NESTING = 10;

  private final ObjectMapper strict = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(MAX_NESTING).maxNumberLength(40).maxStringLength(100_000).build())
          .build())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();
  private final int maxBytes;

  public JsonBody(IntakeProperties properties) {
    this.maxBytes = properties.maxBodyBytes();
  }

  public JsonNode read(HttpServletRequest request) {
    if (request.getContentLengthLong() > maxBytes) {
      throw new PayloadTooLargeException(maxBytes);
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(maxBytes + 1);
    } catch (IOException unreadable) {
      throw new InvalidRequestException("", "the body could not be read: " + unreadable.getMessage());
    }
    if (body.length > maxBytes) {
      throw new PayloadTooLargeException(maxBytes);
    }
    if (body.length == 0) {
      throw new InvalidRequestException("", "the body is empty; send a JSON object");
    }
    try {
      return strict.readTree(body);
    } catch (StreamConstraintsException tooDeep) {
      throw new InvalidRequestException("", "the JSON is nested too deeply or has an oversized value (at most "
          + MAX_NESTING + " levels): " + firstLine(tooDeep.getOriginalMessage()));
    } catch (IOException malformed) {
      String where = malformed instanceof com.fasterxml.jackson.core.JsonProcessingException json && json.getLocation() != null
          ? " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() : "";
      throw new InvalidRequestException("", "the body is not valid JSON" + where + ": " + firstLine(
          malformed instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage() : malformed.getMessage()));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.lines().findFirst().orElse(message);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
