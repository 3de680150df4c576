package com.leadhandoff.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses ad-hoc task queries that carry an expression ({@code ${...}} or {@code #{...}}),
 * wherever it sits: a query parameter, a JSON field, or a nested {@code orQueries} entry.
 * Camunda 7.24.0 Community evaluates expressions inside {@code orQueries} even when ad-hoc
 * expressions are disabled (fixed only in Enterprise 7.24.14), which lets any REST user run code.
 * Stored Tasklist filters keep their {@code ${currentUser()}}: they are created through the filter
 * API, not through the query endpoints guarded here, and executing them sends no expression.
 * JSON is parsed before checking, so an expression hidden by escapes such as {@code \u0024{} is
 * caught too.
 */
public class TaskQueryExpressionGuard extends OncePerRequestFilter {

  private static final Pattern TASK_QUERY = Pattern.compile(".*/(task|task/count|filter/[^/]+/(list|count|singleResult))/?$");
  private static final int MAX_BODY = 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !TASK_QUERY.matcher(decodedPath(request)).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
      for (String value : parameter.getValue()) {
        if (isExpression(value) || isExpression(parameter.getKey())) {
          refuse(response, "query parameter " + parameter.getKey());
          return;
        }
      }
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      refuse(response, "body (larger than " + MAX_BODY + " bytes)");
      return;
    }
    if (body.length > 0) {
      String where = expressionIn(body);
      if (where != null) {
        refuse(response, where);
        return;
      }
    }
    chain.doFilter(new RereadableRequest(request, body), response);
  }

  /**
   * The path as the REST resources will see it: decoded (so {@code %74ask} is {@code task}),
   * without {@code ;parameters}, with repeated slashes merged.
   */
  static String decodedPath(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return path.replaceAll(";[^/]*", "").replaceAll("/{2,}", "/");
  }

  /** Where in the JSON body an expression sits, or null. A body that is not JSON is left to the engine to refuse. */
  static String expressionIn(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException notJson) {
      return isExpression(new String(body, StandardCharsets.UTF_8)) ? "body" : null;
    }
    return expressionIn(root, "");
  }

  private static String expressionIn(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return isExpression(node.textValue()) ? (path.isEmpty() ? "body" : path) : null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = expressionIn(node.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (isExpression(field.getKey())) {
          return fieldPath;
        }
        String found = expressionIn(field.getValue(), fieldPath);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  static boolean isExpression(String value) {
    return value != null && (value.contains("${") || value.contains("#{"));
  }

  private static void refuse(HttpServletResponse response, String where) throws IOException {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    JSON.writeValue(response.getWriter(), Map.of("type", "InvalidRequestException",
        "message", "Expressions are not allowed in task queries (found in " + where + "); use a stored filter instead"));
  }

  /** The request with its body already read, for the engine's REST resources to read again. */
  private static final class RereadableRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    RereadableRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      InputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return ((ByteArrayInputStream) in).available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        /** The body is already in memory: all of it is available at once. */
        @Override
        public void setReadListener(ReadListener listener) {
          try {
            listener.onDataAvailable();
            listener.onAllDataRead();
          } catch (IOException failure) {
            listener.onError(failure);
          }
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
