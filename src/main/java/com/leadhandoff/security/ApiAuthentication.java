package com.leadhandoff.security;

import com.leadhandoff.intake.ApiProblems;
import com.leadhandoff.intake.LeadsApi;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * HTTP Basic for /api/**, checked against the Camunda identity service (the same users and
 * groups as Tasklist). The caller must belong to one of the configured API groups, normally
 * {@code integrations} for source systems; the routing API (/api/routing) has its own groups,
 * the ops leads who own the tables and the managers who read them, and so has the insights API
 * (/api/insights), which also accepts the Cockpit login of the same browser session. The API acts for the caller with its own rules, so
 * the engine is not given the caller's authentication.
 */
public class ApiAuthentication extends OncePerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final Duration REMEMBERED = Duration.ofSeconds(60);

  private final IdentityService identityService;
  private final List<String> allowedGroups;
  private final List<String> routingGroups;
  private final List<String> insightsGroups;
  private final Map<String, Instant> verified = new ConcurrentHashMap<>();
  private final byte[] key = randomKey();

  public ApiAuthentication(IdentityService identityService, List<String> allowedGroups, List<String> routingGroups, List<String> insightsGroups) {
    this.identityService = identityService;
    this.allowedGroups = List.copyOf(allowedGroups);
    this.routingGroups = List.copyOf(routingGroups);
    this.insightsGroups = List.copyOf(insightsGroups);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String area = area(request);
    String[] credentials = credentials(request.getHeader(HttpHeaders.AUTHORIZATION));
    boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    if (credentials == null && "insights".equals(area) && reading) {
      credentials = cockpitLogin(request);
    }
    if (credentials == null || credentials.length == 2 && !passwordMatches(credentials[0], credentials[1])) {
      if (challenge(area, request)) {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Lead Handoff\", charset=\"UTF-8\"");
      }
      refuse(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", "lead".equals(area)
          ? "Send HTTP Basic credentials of an integration account (ask the administrator for one)"
          : "Send HTTP Basic credentials" + ("insights".equals(area) ? ", or log in to Cockpit in this browser first" : ""));
      return;
    }
    String user = credentials[0];
    List<String> groups = switch (area) {
      case "routing" -> routingGroups;
      case "insights" -> insightsGroups;
      default -> allowedGroups;
    };
    if (!memberOfAny(identityService, user, groups)) {
      refuse(response, HttpStatus.FORBIDDEN, "forbidden", "Not allowed", "User '" + user + "' may not use the "
          + area + " API: it needs membership in one of " + String.join(", ", groups));
      return;
    }
    request.setAttribute(LeadsApi.CALLER, user);
    chain.doFilter(request, response);
  }

  /**
   * Checks the password against Camunda's users, remembering a success for a short while. A source
   * posting leads in parallel should not pay a salted password hash per request, and while an
   * account has failed attempts on record Camunda writes its row on every check, so concurrent
   * checks would collide on it. A changed or revoked password stops working within
   * {@link #REMEMBERED}. Successes are remembered by an HMAC under a key made at start, never by the
   * password itself.
   */
  private boolean passwordMatches(String user, String password) {
    String key = fingerprint(user, password);
    Instant now = Instant.now();
    Instant until = verified.get(key);
    if (until != null && now.isBefore(until)) {
      return true;
    }
    boolean matches;
    try {
      matches = identityService.checkPassword(user, password);
    } catch (OptimisticLockingException concurrentLogin) {
      matches = identityService.checkPassword(user, password);
    }
    if (matches) {
      if (verified.size() > 10_000) {
        verified.clear();
      }
      verified.put(key, now.plus(REMEMBERED));
    } else {
      verified.remove(key);
    }
    return matches;
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private String fingerprint(String user, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((user + "\u0000" + password).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether the request goes to the routing API, judged on the path the container dispatches
   * (decoded, normalized, without ;parameters), never on the raw URI: /api/%72outing and
   * /api/leads/../routing reach the routing API too, and /api/routing/../leads does not.
   */
  static String area(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    for (String area : List.of("routing", "insights")) {
      if (path.equals("/api/" + area) || path.startsWith("/api/" + area + "/")) {
        return area;
      }
    }
    return "lead";
  }

  /**
   * Whether a 401 asks the browser for a login. Never for the routing API, whose multipart POSTs
   * a cross-site form could send with credentials a browser remembered; for the insights API only
   * when a person opens a page (the weekly review), never for the Cockpit plugin's own requests.
   */
  private static boolean challenge(String area, HttpServletRequest request) {
    return switch (area) {
      case "routing" -> false;
      case "insights" -> {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        yield accept != null && accept.contains("text/html");
      }
      default -> true;
    };
  }

  /**
   * The user logged into Camunda's webapps in this browser session ({user} without a password, as
   * the webapps checked it), so Cockpit's insights plugin needs no second login. Only for the
   * insights API, which only reads.
   */
  private static String[] cockpitLogin(HttpServletRequest request) {
    var session = request.getSession(false);
    if (session == null) {
      return null;
    }
    var logins = org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil.getAuthsFromSession(session);
    var login = logins == null ? null : logins.getAuthenticationForProcessEngine("default");
    return login == null || login.getIdentityId() == null ? null : new String[] {login.getIdentityId()};
  }

  /** Whether the user belongs to at least one of the groups: the one check every API permission uses. */
  public static boolean memberOfAny(IdentityService identityService, String user, java.util.Collection<String> groups) {
    return identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).anyMatch(groups::contains);
  }

  /** {user, password} from a Basic header, or null if there is none or it cannot be read. */
  static String[] credentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon <= 0 || decoded.chars().anyMatch(Character::isISOControl)) {
        return null;
      }
      return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  static void refuse(HttpServletResponse response, HttpStatus status, String type, String title, String detail) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    JSON.writeValue(response.getWriter(), Map.of("type", ApiProblems.TYPES + type, "title", title,
        "status", status.value(), "detail", detail));
  }
}
