package com.leadhandoff.ownership;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Every decline with its reason, kept for the weekly review and the decline report. */
@Component
public class Declines {

  public record Decline(String processInstanceId, String ladderEntry, String userId, String group, int level, String reasonCode,
      String reasonText, Instant declinedAt) {}

  public record Count(String key, long declines) {}

  private final JdbcTemplate jdbc;

  public Declines(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void record(Decline decline) {
    jdbc.update("insert into lh_decline (process_instance_id, ladder_entry, user_id, group_id, escalation_level, reason_code, reason_text, declined_at) "
        + "values (?, ?, ?, ?, ?, ?, ?, ?)", decline.processInstanceId(), decline.ladderEntry(), decline.userId(), decline.group(), decline.level(), decline.reasonCode(), decline.reasonText(),
        People.time(decline.declinedAt()));
  }

  /** The people who declined the lead since it entered its current class, each once, in the order they first declined. */
  public List<String> decliners(String processInstanceId, String ladderEntry) {
    return jdbc.queryForList("select user_id from lh_decline where process_instance_id = ? and ladder_entry = ? group by user_id order by min(id)",
        String.class, processInstanceId, ladderEntry);
  }

  public List<Decline> between(Instant from, Instant to) {
    return jdbc.query("select process_instance_id, ladder_entry, user_id, group_id, escalation_level, reason_code, reason_text, declined_at "
        + "from lh_decline where declined_at >= ? and declined_at < ? order by declined_at, id",
        (rs, row) -> new Decline(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
            rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant()), People.time(from), People.time(to));
  }

  public List<Count> countBy(String column, Instant from, Instant to) {
    if (!List.of("reason_code", "user_id", "group_id").contains(column)) {
      throw new IllegalArgumentException(column);
    }
    return jdbc.query("select " + column + ", count(*) from lh_decline where declined_at >= ? and declined_at < ? group by " + column
        + " order by count(*) desc, " + column, (rs, row) -> new Count(rs.getString(1), rs.getLong(2)), People.time(from), People.time(to));
  }
}
