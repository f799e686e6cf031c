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
 * database by a row in {@code counters} ({@code channel:<name>}), taken in the same transaction as
 * the insert. The last {@code kept} events of a channel are kept for replay.
 */
public final class ChannelLog {
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
    String counter = "channel:" + channel;
    try (Connection connection = database.connection()) {
      return Transactions.run(connection, c -> {
        try (PreparedStatement create = c.prepareStatement(
            "INSERT INTO counters (name, value) VALUES (?, 0) ON CONFLICT (name) DO NOTHING")) {
          create.setString(1, counter);
          create.executeUpdate();
        }
        long seq;
        // The counter row's lock orders appends of every instance; a rolled-back append gives its number back.
        try (PreparedStatement next = c.prepareStatement(
            "UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value")) {
          next.setString(1, counter);
          try (ResultSet rows = next.executeQuery()) {
            rows.next();
            seq = rows.getLong(1);
          }
        }
        String text = envelope.apply(seq);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO channel_events (channel, seq, type,"
            + " created_at, envelope_json) VALUES (?, ?, ?, ?, ?)")) {
          insert.setString(1, channel);
          insert.setLong(2, seq);
          insert.setString(3, type);
          insert.setLong(4, createdAtMillis);
          insert.setString(5, text);
          insert.executeUpdate();
        }
        prune(c, channel, seq);
        return new Appended(seq, text);
      });
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
