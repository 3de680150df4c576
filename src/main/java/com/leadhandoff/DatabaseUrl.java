package com.leadhandoff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads {@code DATABASE_URL} the way hosting platforms write it, {@code postgres://user:password@host:5432/db},
 * as well as a JDBC URL, and refuses to start the postgres profile without one, saying what to set.
 * The URL is parsed by hand: passwords often hold characters ({@code +}, {@code @}, {@code ^}) and
 * hosts underscores that a strict URI parser rejects or changes, and an error must never print the
 * password.
 */
public class DatabaseUrl implements EnvironmentPostProcessor {

  private static final Pattern POSTGRES = Pattern.compile("^postgres(?:ql)?://(?:(.*)@)?([^@/?:]+)(?::(\\d+))?(/[^?]*)?(\\?.*)?$");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.matchesProfiles("postgres")) {
      return;
    }
    String url = environment.getProperty("DATABASE_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("The postgres profile needs DATABASE_URL, e.g. jdbc:postgresql://db:5432/leadhandoff "
          + "(with DATABASE_USER and DATABASE_PASSWORD) or postgres://user:password@db:5432/leadhandoff");
    }
    environment.getPropertySources().addFirst(new MapPropertySource("database-url", datasource(url.strip())));
  }

  /** The datasource settings a DATABASE_URL stands for. */
  static Map<String, Object> datasource(String url) {
    Map<String, Object> properties = new HashMap<>();
    if (url.startsWith("jdbc:postgresql:")) {
      properties.put("spring.datasource.url", url);
      return properties;
    }
    Matcher parts = POSTGRES.matcher(url);
    if (!parts.matches()) {
      throw new IllegalStateException("DATABASE_URL must be jdbc:postgresql://host:port/database or "
          + "postgres://user:password@host:port/database, not '" + masked(url) + "'");
    }
    String path = parts.group(4) == null ? "/" : parts.group(4);
    properties.put("spring.datasource.url", "jdbc:postgresql://" + parts.group(2) + (parts.group(3) == null ? "" : ":" + parts.group(3))
        + path + (parts.group(5) == null ? "" : parts.group(5)));
    if (parts.group(1) != null) {
      String userInfo = parts.group(1);
      int colon = userInfo.indexOf(':');
      properties.put("spring.datasource.username", percentDecoded(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      if (colon >= 0) {
        properties.put("spring.datasource.password", percentDecoded(userInfo.substring(colon + 1)));
      }
    }
    return properties;
  }

  /** %XX sequences decoded as UTF-8; a plus stays a plus (this is a URL, not a form). */
  static String percentDecoded(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String text, int index) {
    return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
  }

  private static String masked(String url) {
    return url.replaceAll("//.*@", "//…@");
  }
}
