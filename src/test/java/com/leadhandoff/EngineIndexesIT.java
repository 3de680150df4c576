package com.leadhandoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Our indexes on Camunda's tables exist once the application is up, on H2 and on PostgreSQL. */
@DemoApplicationTest
class EngineIndexesIT {

  @Autowired DataSource dataSource;

  @Test
  void theJobExecutorTasklistsQueuesAndTheInsightsHaveTheirIndexes() throws Exception {
    assertThat(indexes("act_ru_task")).containsKey("lh_ix_ru_task_urgency");
    assertThat(indexes("act_ru_job").get("lh_ix_ru_job_due")).containsExactly("duedate_ A");
    assertThat(indexes("act_hi_actinst")).containsKey("lh_ix_hi_actinst_steps");
    assertThat(indexes("act_hi_procinst")).containsKey("lh_ix_hi_procinst_heat");
  }

  @Test
  void onPostgresqlThePartialIndexesExistToo() throws Exception {
    try (var connection = dataSource.getConnection()) {
      assumeTrue(DatabaseKind.postgres(connection), "partial indexes are PostgreSQL's");
    }
    assertThat(indexes("act_ru_job").get("lh_ix_ru_job_locked")).containsExactly("process_instance_id_ A");
    assertThat(indexes("act_hi_varinst")).containsKey("lh_ix_hi_varinst_facts");
  }

  @Test
  void tasklistsIndexHoldsPriorityDescendingThenDueDate() throws Exception {
    assertThat(indexes("act_ru_task").get("lh_ix_ru_task_urgency")).containsExactly("priority_ D", "due_date_ A");
  }

  /** A table's indexes by lower-case name, each with its columns in order ("column A" or "column D"). */
  private Map<String, List<String>> indexes(String table) throws Exception {
    Map<String, List<String>> indexes = new LinkedHashMap<>();
    try (var connection = dataSource.getConnection()) {
      // PostgreSQL keeps the names as written, H2 upper-cases them
      for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
        try (var rs = connection.getMetaData().getIndexInfo(null, null, name, false, false)) {
          while (rs.next()) {
            if (rs.getString("INDEX_NAME") != null) {
              indexes.computeIfAbsent(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT), index -> new ArrayList<>())
                  .add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " " + rs.getString("ASC_OR_DESC"));
            }
          }
        }
      }
    }
    return indexes;
  }
}
