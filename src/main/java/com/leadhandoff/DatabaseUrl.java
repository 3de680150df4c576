package com.leadhandoff;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads {@code DATABASE_URL} the way hosting platforms write it, {@code postgres://user:password@host:5432/db},
 * as well as a JDBC URL, and refuses to start the postgres profile without one, saying what to set.
 */
public class DatabaseUrl implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.matchesProfiles("postgres")) {
      return;
    }
    String url = environment.getProperty("DATABASE_URL");
    if (url == null || url.isBlank()) {
      if (environment.getProperty("spring.datasource.url", "").startsWith("jdbc:")) {
        return;
      }
      throw new IllegalStateException("The postgres profile needs DATABASE_URL, e.g. jdbc:postgresql://db:5432/leadhandoff "
          + "(with DATABASE_USER and DATABASE_PASSWORD) or postgres://user:password@db:5432/leadhandoff");
    }
    if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new IllegalStateException("DATABASE_URL must be jdbc:postgresql://host:port/database or postgres://user:password@host:port/database, not '"
            + url.replaceAll("//[^@/]*@", "//…@") + "'");
      }
      return;
    }
    URI uri = URI.create(url);
    Map<String, Object> properties = new HashMap<>();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    properties.put("spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getRawPath() + query);
    if (uri.getRawUserInfo() != null) {
      String[] userAndPassword = uri.getRawUserInfo().split(":", 2);
      properties.put("spring.datasource.username", URLDecoder.decode(userAndPassword[0], StandardCharsets.UTF_8));
      if (userAndPassword.length > 1) {
        properties.put("spring.datasource.password", URLDecoder.decode(userAndPassword[1], StandardCharsets.UTF_8));
      }
    }
    environment.getPropertySources().addFirst(new MapPropertySource("database-url", properties));
  }
}
