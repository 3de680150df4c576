package com.leadhandoff.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Where each person or team wants to be told: an email address, a webhook URL, or both, and for which events. */
@Component
public class NotificationChannels {

  public enum Kind {
    EMAIL, WEBHOOK;

    String column() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One channel; an empty event set means every event. */
  public record Channel(Recipient owner, Kind kind, String address, Set<NotificationEvent> events) {

    public boolean wants(NotificationEvent event) {
      return events.isEmpty() || events.contains(event);
    }
  }

  private final JdbcTemplate jdbc;

  public NotificationChannels(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Channel> of(Recipient owner) {
    return jdbc.query("select channel, address, events from lh_channel where owner_kind = ? and owner_id = ? order by channel",
        (rs, row) -> new Channel(owner, Kind.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), rs.getString(2), events(rs.getString(3))),
        owner.kind().name().toLowerCase(Locale.ROOT), owner.id());
  }

  /** Replaces the owner's channels with these. */
  public void replace(Recipient owner, List<Channel> channels) {
    String kind = owner.kind().name().toLowerCase(Locale.ROOT);
    jdbc.update("delete from lh_channel where owner_kind = ? and owner_id = ?", kind, owner.id());
    for (Channel channel : channels) {
      jdbc.update("insert into lh_channel (owner_kind, owner_id, channel, address, events) values (?, ?, ?, ?, ?)",
          kind, owner.id(), channel.kind().column(), channel.address(),
          channel.events().isEmpty() ? null : channel.events().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
    }
  }

  private static Set<NotificationEvent> events(String text) {
    if (text == null || text.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(text.split(",")).map(NotificationEvent::named).flatMap(java.util.Optional::stream).collect(Collectors.toSet());
  }
}
