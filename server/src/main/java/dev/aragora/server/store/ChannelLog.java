package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Events of channels that are not debates, numbered per channel across every instance on the
 * database: the next seq is the stored maximum plus one, and of two instances appending at once
 * the one whose insert conflicts takes the following number. The last {@code kept} events of a
 * channel are kept for replay.
 */
public final class ChannelLog {
  private static final int ATTEMPTS = 20;

  private final Database database;
  private final int kept;

  public ChannelLog(Database database, int kept) {
    this.database = requireNonNull(database, "database is null");
    if (kept < 1) throw new IllegalArgumentException("kept must be at least 1");
    this.kept = kept;
  }

  /** A stored event: its seq and envelope. */
  public record Appended(long seq, String envelopeJson) {}

  /**
   * Appends an event of {@code type}, its envelope made by {@code envelope} from the seq it gets,
   * and returns both.
   */
  public Appended append(String channel, String type, long createdAtMillis, LongFunction<String> envelope) {
    requireNonNull(channel, "channel is null");
    requireNonNull(type, "type is null");
    try (Connection connection = database.connection()) {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        long seq = lastSeq(connection, channel) + 1;
        String text = envelope.apply(seq);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO channel_events (channel, seq, type,"
            + " created_at, envelope_json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, seq) DO NOTHING")) {
          insert.setString(1, channel);
          insert.setLong(2, seq);
          insert.setString(3, type);
          insert.setLong(4, createdAtMillis);
          insert.setString(5, text);
          if (insert.executeUpdate() == 1) {
            prune(connection, channel, seq);
            return new Appended(seq, text);
          }
        }
      }
      throw new StoreException("channel " + channel + ": no free seq after " + ATTEMPTS + " attempts", null);
    } catch (SQLException e) {
      throw new StoreException("channel log: " + e.getMessage(), e);
    }
  }

  /** Envelopes of {@code channel} after {@code afterSeq}, in seq order, at most {@code limit}. */
  public List<String> since(String channel, long afterSeq, int limit) {
    try (Connection connection = database.connection();
         PreparedStatement select = connection.prepareStatement("SELECT envelope_json FROM channel_events"
             + " WHERE channel = ? AND seq > ? ORDER BY seq LIMIT ?")) {
      select.setString(1, channel);
      select.setLong(2, afterSeq);
      select.setInt(3, limit);
      List<String> page = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) page.add(rows.getString(1));
      }
      return page;
    } catch (SQLException e) {
      throw new StoreException("channel log: " + e.getMessage(), e);
    }
  }

  private static long lastSeq(Connection connection, String channel) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT COALESCE(MAX(seq), 0) FROM channel_events WHERE channel = ?")) {
      select.setString(1, channel);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private void prune(Connection connection, String channel, long seq) throws SQLException {
    if (seq <= kept) return;
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM channel_events WHERE channel = ? AND seq <= ?")) {
      delete.setString(1, channel);
      delete.setLong(2, seq - kept);
      delete.executeUpdate();
    }
  }
}
