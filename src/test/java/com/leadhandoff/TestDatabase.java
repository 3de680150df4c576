package com.leadhandoff;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs the test suite on real PostgreSQL when the build asks for it (system property
 * {@code lead-handoff.test-database=postgresql}, set by the second surefire and failsafe runs):
 * one PostgreSQL server per test JVM, started from Maven Central's binaries, and a fresh database
 * for every application context the tests start, so contexts never see each other's data, just as
 * each in-memory H2 database is its own.
 */
public class TestDatabase implements EnvironmentPostProcessor, Ordered {

  public static final String PROPERTY = "lead-handoff.test-database";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  public static boolean postgres() {
    return "postgresql".equals(System.getProperty(PROPERTY));
  }

  /** The test JVM's PostgreSQL server, started on first use and stopped when the JVM ends. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is ending anyway
        }
      }));
    }
    return server;
  }

  /** A new, empty database on the test server; its JDBC URL. */
  public static String newDatabase(String purpose) {
    String name = purpose.replaceAll("[^a-z0-9]", "_") + "_" + DATABASES.incrementAndGet();
    try (var connection = server().getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!postgres()) {
      return;
    }
    String url = newDatabase("context");
    environment.getPropertySources().addFirst(new MapPropertySource("test-database", Map.of(
        "spring.datasource.url", url,
        "spring.datasource.username", "postgres",
        "spring.datasource.password", "postgres",
        "spring.datasource.driver-class-name", "org.postgresql.Driver",
        // When the JVM ends, the server may stop before the contexts close: fail fast rather than wait 30 s.
        "spring.datasource.hikari.connection-timeout", "3000")));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
