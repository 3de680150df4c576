package com.leadhandoff;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** Whether the database is PostgreSQL (the production database) or H2 (the demo's and the tests'). */
public final class DatabaseKind {

  private DatabaseKind() {
  }

  public static boolean postgres(Connection connection) throws SQLException {
    return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
  }

  public static boolean postgres(JdbcTemplate jdbc) {
    return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) DatabaseKind::postgres));
  }
}
