package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.EventSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only event log, the source of truth for a debate's progress. Each envelope is stored
 * exactly as it goes on the wire. Appending an envelope whose (debate_id, seq) is already stored
 * changes nothing: {@code INSERT … ON CONFLICT (debate_id, seq) DO NOTHING} means the same on
 * SQLite (3.24 and later) and PostgreSQL (9.5 and later), so a replayed event is never duplicated.
 */
public final class EventLog implements EventSink {
  private static final String INSERT = "INSERT INTO debate_events (debate_id, seq, type, round, agent, created_at, "
      + "envelope_json) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (debate_id, seq) DO NOTHING";
  // SQLite needs the WHERE of an INSERT … SELECT to tell its ON CONFLICT from a join's ON; it has one.
  private static final String INSERT_LEASED = "INSERT INTO debate_events (debate_id, seq, type, round, agent, "
      + "created_at, envelope_json) SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM debates WHERE id = ? "
      + "AND lease_owner = ? AND status = 'running') ON CONFLICT (debate_id, seq) DO NOTHING";

  private final Database database;
  private final ObjectMapper json;

  public EventLog(Database database, ObjectMapper json) {
    this.database = requireNonNull(database, "database is null");
    this.json = requireNonNull(json, "json is null");
  }

  @Override
  public void accept(EventEnvelope envelope) {
    append(envelope);
  }

  /** Stores the envelope; false when one with the same debate and seq was already there. */
  public boolean append(EventEnvelope envelope) {
    requireNonNull(envelope, "envelope is null");
    try {
      return append(envelope, json.writeValueAsString(envelope));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise event " + envelope.type(), e);
    }
  }

  /** As {@link #append(EventEnvelope)}, with the envelope already serialised to {@code text}. */
  public boolean append(EventEnvelope envelope, String text) {
    return insert(INSERT, envelope, text, null);
  }

  /**
   * As {@link #append(EventEnvelope, String)}, only while {@code leaseOwner} holds the debate's
   * lease, checked in the same statement. Throws {@link LeaseLostException} when it does not: the
   * debate was taken over by another instance, whose events must not be mixed with this one's.
   */
  public boolean appendLeased(EventEnvelope envelope, String text, String leaseOwner) {
    requireNonNull(leaseOwner, "leaseOwner is null");
    if (insert(INSERT_LEASED, envelope, text, leaseOwner)) return true;
    try (Connection connection = database.connection();
         PreparedStatement select = connection.prepareStatement(
             "SELECT 1 FROM debates WHERE id = ? AND lease_owner = ? AND status = 'running'")) {
      select.setString(1, envelope.debateId());
      select.setString(2, leaseOwner);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) throw new LeaseLostException(envelope.debateId());
      }
    } catch (SQLException e) {
      throw new StoreException("event log: " + e.getMessage(), e);
    }
    return false;
  }

  private boolean insert(String sql, EventEnvelope envelope, String text, String leaseOwner) {
    requireNonNull(envelope, "envelope is null");
    requireNonNull(text, "text is null");
    try (Connection connection = database.connection();
         PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, envelope.debateId());
      insert.setLong(2, envelope.seq());
      insert.setString(3, envelope.type());
      insert.setInt(4, envelope.round());
      insert.setString(5, envelope.agent());
      insert.setLong(6, envelope.at().toEpochMilli());
      insert.setString(7, text);
      if (leaseOwner != null) {
        insert.setString(8, envelope.debateId());
        insert.setString(9, leaseOwner);
      }
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("event log: " + e.getMessage(), e);
    }
  }

  /** Envelopes of {@code debateId} with seq greater than {@code afterSeq}, in seq order, at most {@code limit}. */
  public List<String> since(String debateId, long afterSeq, int limit) {
    return envelopes(debateId, null, afterSeq, limit);
  }

  /** The highest stored seq of {@code debateId}, or 0 when it has none. */
  public long lastSeq(String debateId) {
    requireNonNull(debateId, "debateId is null");
    try (Connection connection = database.connection();
         PreparedStatement select = connection.prepareStatement(
             "SELECT COALESCE(MAX(seq), 0) FROM debate_events WHERE debate_id = ?")) {
      select.setString(1, debateId);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("event log: " + e.getMessage(), e);
    }
  }

  /** The highest stored seq and round of {@code debateId} (0 and 0 when it has no events). */
  public Progress progress(String debateId) {
    requireNonNull(debateId, "debateId is null");
    try (Connection connection = database.connection();
         PreparedStatement select = connection.prepareStatement(
             "SELECT COALESCE(MAX(seq), 0), COALESCE(MAX(round), 0) FROM debate_events WHERE debate_id = ?")) {
      select.setString(1, debateId);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return new Progress(rows.getLong(1), rows.getInt(2));
      }
    } catch (SQLException e) {
      throw new StoreException("event log: " + e.getMessage(), e);
    }
  }

  /** Envelopes of one {@code type} after {@code afterSeq}, in seq order, at most {@code limit}. */
  public List<String> ofType(String debateId, String type, long afterSeq, int limit) {
    return envelopes(debateId, requireNonNull(type, "type is null"), afterSeq, limit);
  }

  /** {@code type} null for every type. */
  private List<String> envelopes(String debateId, String type, long afterSeq, int limit) {
    requireNonNull(debateId, "debateId is null");
    if (limit < 0) throw new IllegalArgumentException("limit must not be negative");
    String byType = type == null ? "" : " AND type = ?";
    try (Connection connection = database.connection();
         PreparedStatement select = connection.prepareStatement("SELECT envelope_json FROM debate_events "
             + "WHERE debate_id = ? AND seq > ?" + byType + " ORDER BY seq LIMIT ?")) {
      int i = 1;
      select.setString(i++, debateId);
      select.setLong(i++, afterSeq);
      if (type != null) select.setString(i++, type);
      select.setInt(i, limit);
      List<String> envelopes = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) envelopes.add(rows.getString(1));
      }
      return envelopes;
    } catch (SQLException e) {
      throw new StoreException("event log: " + e.getMessage(), e);
    }
  }

  /** How far a debate's log has got. */
  public record Progress(long lastSeq, int round) {}
}
