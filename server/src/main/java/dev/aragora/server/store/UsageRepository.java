package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What each tenant has used (migration V9, {@code tenant_usage}): one row per tenant, period and
 * quota. Every change is one atomic {@code UPDATE … SET used = used + ?}; a charge that must stay
 * within a limit adds {@code AND used + ? <= limit} to it, so concurrent charges on any number of
 * instances sharing the database never overshoot (PostgreSQL re-checks the condition on the locked
 * row; SQLite has one writer). The database is the source of truth; nothing is kept only in memory.
 */
public final class UsageRepository {
  /** The period of a quota that is a level rather than a monthly sum (storage). */
  public static final String NO_PERIOD = "";

  private final Database database;

  public UsageRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  /**
   * Adds {@code amount} to {@code tenant}'s {@code quota} in {@code period} if the sum stays at most
   * {@code limit} (0: no limit), in the caller's transaction; returns the new sum, or empty (and
   * nothing changed) when it would pass the limit.
   */
  public static OptionalLong charge(Connection connection, String tenant, String period, String quota, long amount,
                                    long limit, long now) throws SQLException {
    ensureRow(connection, tenant, period, quota, now);
    try (PreparedStatement update = connection.prepareStatement("UPDATE tenant_usage SET used = used + ?, updated_at = ? "
        + "WHERE tenant_id = ? AND period = ? AND quota = ?" + (limit > 0 ? " AND used + ? <= ?" : "") + " RETURNING used")) {
      update.setLong(1, amount);
      update.setLong(2, now);
      update.setString(3, tenant);
      update.setString(4, period);
      update.setString(5, quota);
      if (limit > 0) {
        update.setLong(6, amount);
        update.setLong(7, limit);
      }
      try (ResultSet rows = update.executeQuery()) {
        return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** What {@code tenant} has used of {@code quota} in {@code period}, in the caller's transaction (0 without a row). */
  public static long used(Connection connection, String tenant, String period, String quota) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT used FROM tenant_usage WHERE tenant_id = ? AND period = ? AND quota = ?")) {
      select.setString(1, tenant);
      select.setString(2, period);
      select.setString(3, quota);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  /** Adds {@code amount} (which may be negative) with no limit, in a transaction of its own; returns the new sum. */
  public long add(String tenant, String period, String quota, long amount, long now) {
    return Jdbc.inTransaction(database, "usage", connection ->
        charge(connection, tenant, period, quota, amount, 0, now).orElseThrow());
  }

  /** What {@code tenant} has used of {@code quota} in {@code period} (0 without a row). */
  public long used(String tenant, String period, String quota) {
    return Jdbc.with(database, "usage", connection -> used(connection, tenant, period, quota));
  }

  /** {@code quota} in {@code period} for each of {@code tenants} that has a row. */
  public Map<String, Long> used(Collection<String> tenants, String period, String quota) {
    Map<String, Long> used = new HashMap<>();
    if (tenants.isEmpty()) return used;
    return Jdbc.with(database, "usage", connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT tenant_id, used FROM tenant_usage WHERE period = ? "
          + "AND quota = ? AND tenant_id IN (" + String.join(", ", java.util.Collections.nCopies(tenants.size(), "?")) + ")")) {
        select.setString(1, period);
        select.setString(2, quota);
        int i = 3;
        for (String tenant : tenants) select.setString(i++, tenant);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) used.put(rows.getString(1), rows.getLong(2));
        }
      }
      return used;
    });
  }

  /**
   * The bytes a finished debate's rows hold beyond those counted when it was created: its events'
   * envelopes, its result and error, and its receipt (UTF-8 octets as stored).
   */
  public long finishedDebateBytes(String debateId) {
    return Jdbc.with(database, "usage", connection -> {
      long bytes = 0;
      for (String sql : new String[] {
          "SELECT COALESCE(SUM(OCTET_LENGTH(envelope_json)), 0) FROM debate_events WHERE debate_id = ?",
          "SELECT COALESCE(OCTET_LENGTH(result_json), 0) + COALESCE(OCTET_LENGTH(error), 0) FROM debates WHERE id = ?",
          "SELECT COALESCE(SUM(OCTET_LENGTH(canonical_json)), 0) FROM receipts WHERE debate_id = ?"}) {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
          select.setString(1, debateId);
          try (ResultSet rows = select.executeQuery()) {
            if (rows.next()) bytes += rows.getLong(1);
          }
        }
      }
      return bytes;
    });
  }

  /** The bytes a memory scope's live entries hold (question and text, UTF-8; see MemoryEntry). */
  public long memoryBytes(String scope) {
    return Jdbc.with(database, "usage", connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT COALESCE(SUM(size_bytes), 0) FROM memory_entries WHERE scope = ?")) {
        select.setString(1, scope);
        try (ResultSet rows = select.executeQuery()) {
          rows.next();
          return rows.getLong(1);
        }
      }
    });
  }

  private static void ensureRow(Connection connection, String tenant, String period, String quota, long now)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tenant_usage (tenant_id, period, quota, used, "
        + "updated_at) VALUES (?, ?, ?, 0, ?) ON CONFLICT (tenant_id, period, quota) DO NOTHING")) {
      insert.setString(1, tenant);
      insert.setString(2, period);
      insert.setString(3, quota);
      insert.setLong(4, now);
      insert.executeUpdate();
    }
  }
}
