package com.leadhandoff.cluster;

import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refuses to run on a database whose Camunda schema is older than the engine. With
 * {@code schema-update: true} Camunda creates missing tables but never applies upgrade scripts, and
 * an engine on an older schema fails later, in the middle of a lead. The schema log says which
 * version the schema was last created or upgraded to; its minor version must match the engine's.
 */
@Component
public class SchemaVersionCheck extends AbstractProcessEnginePlugin {

  private final DataSource dataSource;

  public SchemaVersionCheck(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    List<String> versions = new JdbcTemplate(dataSource).queryForList("select VERSION_ from ACT_GE_SCHEMA_LOG", String.class);
    String engine = ProductPropertiesUtil.getProductVersion();
    String schema = versions.stream().filter(v -> v != null && v.matches("\\d+\\.\\d+.*")).max(Comparator.comparing(SchemaVersionCheck::minor)).orElse(null);
    problem(schema, engine).ifPresent(problem -> {
      throw new IllegalStateException(problem);
    });
  }

  /** What is wrong with running this engine on that schema, if anything. */
  static java.util.Optional<String> problem(String schema, String engine) {
    if (schema == null || engine == null || minor(engine) <= minor(schema)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("The database's Camunda schema is " + schema + " but the engine is " + engine
        + ": back up the database and run Camunda's upgrade scripts (sql/upgrade/*_engine_" + majorMinor(schema) + "_to_" + majorMinor(engine)
        + ".sql and its patches) first; see docs/operations.md");
  }

  private static int minor(String version) {
    String[] parts = version.split("[.-]");
    return Integer.parseInt(parts[0]) * 1000 + Integer.parseInt(parts[1]);
  }

  private static String majorMinor(String version) {
    String[] parts = version.split("[.-]");
    return parts[0] + "." + parts[1];
  }
}
