package com.leadhandoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Our indexes on Camunda's tables exist once the application is up, on H2 and on PostgreSQL. */
@DemoApplicationTest
class EngineIndexesIT {

  @Autowired DataSource dataSource;

  @Test
  void tasklistsQueuesAndTheInsightsHaveTheirIndexes() throws Exception {
    assertThat(indexes("act_ru_task")).contains("lh_ix_ru_task_urgency");
    assertThat(indexes("act_hi_actinst")).contains("lh_ix_hi_actinst_steps");
    assertThat(indexes("act_hi_procinst")).contains("lh_ix_hi_procinst_heat");
  }

  @Test
  void tasklistsIndexHoldsPriorityDescendingThenDueDate() throws Exception {
    List<String> columns = new ArrayList<>();
    try (var connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      for (String table : List.of("act_ru_task", "ACT_RU_TASK")) {
        try (var rs = meta.getIndexInfo(null, null, table, false, false)) {
          while (rs.next()) {
            if ("lh_ix_ru_task_urgency".equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
              columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " " + rs.getString("ASC_OR_DESC"));
            }
          }
        }
      }
    }
    assertThat(columns).containsExactly("priority_ D", "due_date_ A");
  }

  private List<String> indexes(String table) throws Exception {
    List<String> names = new ArrayList<>();
    try (var connection = dataSource.getConnection()) {
      for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
        try (var rs = connection.getMetaData().getIndexInfo(null, null, name, false, false)) {
          while (rs.next()) {
            if (rs.getString("INDEX_NAME") != null) {
              names.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
            }
          }
        }
      }
    }
    return names;
  }
}
