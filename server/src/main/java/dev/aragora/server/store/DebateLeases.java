package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Debates as jobs shared by every instance on one database. An instance claims queued debates, and
 * running ones whose lease expired (their instance died), in queue order; it renews the leases of
 * those it runs and gives them back when it stops. On PostgreSQL claiming uses
 * {@code SELECT … FOR UPDATE SKIP LOCKED}, so instances claiming at once never take the same debate
 * and never wait for each other; SQLite (one process, one pooled connection) runs the same
 * statements one transaction at a time.
 *
 * <p>Lease times are this process's clock in epoch milliseconds; instances sharing a database are
 * assumed to keep their clocks within a small fraction of the lease (NTP).
 */
public final class DebateLeases {
  /**
   * A debate this instance now runs.
   *
   * @param wasRunning it was running under another (expired) lease: its instance died or stopped
   *     without giving it back
   * @param attempts how many times it has been claimed, this time included
   * @param previousOwner the lease owner before this claim, or empty
   * @param previousRunHere the previous owner was an earlier run of this instance (on SQLite,
   *     which one process uses at a time, any earlier owner is)
   * @param cancelReason a cancel requested while no instance ran it, or empty
   */
  public record Claim(StoredDebate debate, boolean wasRunning, int attempts, String previousOwner,
                      boolean previousRunHere, String cancelReason) {
    /** The instance part of the previous owner ("web-1" of "web-1#3f…"), or empty. */
    public String previousInstance() {
      return instanceOf(previousOwner);
    }
  }

  private final Database database;
  private final InstantSource clock;

  public DebateLeases(Database database, InstantSource clock) {
    this.database = requireNonNull(database, "database is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Claims up to {@code max} debates for {@code owner}, oldest first, each under a lease of {@code lease}. */
  public List<Claim> claim(String owner, int max, Duration lease) {
    return claim(owner, max, lease, Set.of());
  }

  /**
   * As {@link #claim(String, int, Duration)}, never taking one of {@code busy}: debates a run of
   * this process still holds (its lease expired under it, and the run has yet to notice and stop),
   * so that one process never runs a debate twice at once.
   */
  public List<Claim> claim(String owner, int max, Duration lease, Set<String> busy) {
    requireNonNull(owner, "owner is null");
    if (max < 1) return List.of();
    long now = clock.millis();
    String notBusy = busy.isEmpty() ? "" : " AND id NOT IN (" + String.join(", ", busy.stream().map(b -> "?").toList()) + ")";
    return inTransaction(connection -> {
      List<Claim> claims = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT " + DebateRepository.COLUMNS
          + ", lease_owner, cancel_reason, attempts FROM debates"
          + " WHERE (status = ? OR (status = ? AND lease_expires_at < ?))" + notBusy + " ORDER BY queue_seq LIMIT ?"
          + (database.isPostgres() ? " FOR UPDATE SKIP LOCKED" : ""))) {
        int i = 1;
        select.setString(i++, DebateRepository.QUEUED);
        select.setString(i++, DebateRepository.RUNNING);
        select.setLong(i++, now);
        for (String id : busy) select.setString(i++, id);
        select.setInt(i, max);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            StoredDebate debate = DebateRepository.row(rows);
            String previous = orEmpty(rows.getString("lease_owner"));
            boolean here = !previous.isEmpty() && (!database.isPostgres() || instanceOf(previous).equals(instanceOf(owner)));
            claims.add(new Claim(debate, DebateRepository.RUNNING.equals(debate.status()), rows.getInt("attempts") + 1,
                previous, here, orEmpty(rows.getString("cancel_reason"))));
          }
        }
      }
      try (PreparedStatement update = connection.prepareStatement("UPDATE debates SET status = ?, lease_owner = ?,"
          + " lease_expires_at = ?, started_at = COALESCE(started_at, ?), attempts = attempts + 1 WHERE id = ?")) {
        for (Claim claim : claims) {
          update.setString(1, DebateRepository.RUNNING);
          update.setString(2, owner);
          update.setLong(3, now + lease.toMillis());
          update.setLong(4, now);
          update.setString(5, claim.debate().id());
          update.addBatch();
        }
        if (!claims.isEmpty()) update.executeBatch();
      }
      return claims;
    });
  }

  /**
   * Extends every lease {@code owner} holds. Returns the debates it still holds, each with the
   * reason of a cancel requested meanwhile (empty for none); a debate missing from the answer was
   * taken over by another instance, or ended, and must not be continued here.
   */
  public Map<String, String> renew(String owner, Duration lease) {
    requireNonNull(owner, "owner is null");
    long expires = clock.millis() + lease.toMillis();
    return withConnection(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE debates SET lease_expires_at = ?"
          + " WHERE lease_owner = ? AND status = ? RETURNING id, cancel_reason")) {
        update.setLong(1, expires);
        update.setString(2, owner);
        update.setString(3, DebateRepository.RUNNING);
        Map<String, String> held = new LinkedHashMap<>();
        try (ResultSet rows = update.executeQuery()) {
          while (rows.next()) held.put(rows.getString(1), orEmpty(rows.getString(2)));
        }
        return held;
      }
    });
  }

  /**
   * Gives a suspended debate back to the queue, ahead of newer ones, keeping {@code owner} as its
   * last owner; false when {@code owner} no longer held it.
   */
  public boolean release(String id, String owner) {
    return withConnection(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE debates SET status = ?,"
          + " lease_expires_at = NULL WHERE id = ? AND lease_owner = ? AND status = ?")) {
        update.setString(1, DebateRepository.QUEUED);
        update.setString(2, id);
        update.setString(3, owner);
        update.setString(4, DebateRepository.RUNNING);
        return update.executeUpdate() == 1;
      }
    });
  }

  /**
   * Lets the debates that earlier runs of instance {@code instanceId} left running be claimed at
   * once: a process restarted under the same name cannot still be running them. On SQLite, which
   * one process uses at a time, that is every running debate. Returns how many.
   */
  public int expireEarlierRuns(String instanceId) {
    requireNonNull(instanceId, "instanceId is null");
    return withConnection(connection -> {
      String sql = "UPDATE debates SET lease_expires_at = 0 WHERE status = ?"
          + (database.isPostgres() ? " AND lease_owner LIKE ? ESCAPE '\\'" : "");
      try (PreparedStatement update = connection.prepareStatement(sql)) {
        update.setString(1, DebateRepository.RUNNING);
        if (database.isPostgres()) update.setString(2, likePrefix(instanceId + "#"));
        return update.executeUpdate();
      }
    });
  }

  /** Asks whichever instance runs debate {@code id} to cancel it; false when it is not running. */
  public boolean requestCancel(String id, String reason) {
    return withConnection(connection -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE debates SET cancel_reason = ? WHERE id = ? AND status = ?")) {
        update.setString(1, reason);
        update.setString(2, id);
        update.setString(3, DebateRepository.RUNNING);
        return update.executeUpdate() == 1;
      }
    });
  }

  /** Whether {@code owner} holds debate {@code id}'s lease. */
  public boolean holds(String id, String owner) {
    return withConnection(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT 1 FROM debates WHERE id = ? AND lease_owner = ? AND status = ?")) {
        select.setString(1, id);
        select.setString(2, owner);
        select.setString(3, DebateRepository.RUNNING);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next();
        }
      }
    });
  }

  /** How many debates wait for an instance, on every instance. */
  public int queued() {
    return count("SELECT COUNT(*) FROM debates WHERE status = ?", null);
  }

  /** 1 for the next debate to start, 2 for the one after …; 0 when {@code id} is not queued. */
  public int position(String id) {
    return count("SELECT COUNT(*) FROM debates d, debates me WHERE me.id = ? AND me.status = ? AND d.status = ?"
        + " AND d.queue_seq <= me.queue_seq", id);
  }

  private int count(String sql, String id) {
    return withConnection(connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        int i = 1;
        if (id != null) {
          select.setString(i++, id);
          select.setString(i++, DebateRepository.QUEUED);
        }
        select.setString(i, DebateRepository.QUEUED);
        try (ResultSet rows = select.executeQuery()) {
          rows.next();
          return rows.getInt(1);
        }
      }
    });
  }

  /** Owners are "instance#incarnation". */
  static String instanceOf(String owner) {
    return owner.substring(0, Math.max(0, owner.lastIndexOf('#')));
  }

  private static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private <T> T withConnection(Sql<T> work) {
    try (Connection connection = database.connection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("debate leases: " + e.getMessage(), e);
    }
  }

  private <T> T inTransaction(Sql<T> work) {
    return withConnection(connection -> Transactions.run(connection, work));
  }
}
