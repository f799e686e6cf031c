package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Sign-in sessions and their rotating refresh tokens (each stored as its SHA-256). A refresh token
 * is exchanged once: the exchange marks it used and adds its successor in one transaction, with a
 * conditional update, so two instances given the same token at once never both succeed. Presenting
 * a used token again revokes its session (the token was copied; whoever holds the newest one loses
 * it too, and signs in again).
 */
public final class AuthSessions {
  /** What came of presenting a refresh token. */
  public sealed interface Exchange {
    /** Exchanged: the session goes on with the new token. */
    record Rotated(String sessionId, String userId) implements Exchange {}

    /** Unknown, expired, or its session was revoked. */
    record Refused() implements Exchange {}

    /** Used before: session {@code sessionId} is now revoked. */
    record Reused(String sessionId) implements Exchange {}
  }

  /** A revoked session and when (epoch ms). */
  public record Revoked(String sessionId, long revokedAt) {}

  private final Database database;

  public AuthSessions(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  /** Starts session {@code sessionId} of {@code userId} with its first refresh token. */
  public void open(String sessionId, String userId, String refreshHash, long now, long refreshExpiresAt) {
    Jdbc.inTransaction(database, "auth sessions", connection -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO auth_sessions (id, user_id, created_at, revoked_at, revoked_reason) VALUES (?, ?, ?, NULL, NULL)")) {
        insert.setString(1, sessionId);
        insert.setString(2, userId);
        insert.setLong(3, now);
        insert.executeUpdate();
      }
      insertToken(connection, refreshHash, sessionId, now, refreshExpiresAt);
      return null;
    });
  }

  /** Exchanges the refresh token whose SHA-256 is {@code presentedHash} for {@code nextHash}. */
  public Exchange exchange(String presentedHash, String nextHash, long now, long nextExpiresAt) {
    Exchange exchange = Jdbc.inTransaction(database, "auth sessions", connection -> {
      String sessionId;
      String userId;
      boolean used;
      try (PreparedStatement select = connection.prepareStatement("SELECT t.session_id, t.expires_at, t.used_at,"
          + " s.user_id, s.revoked_at FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id"
          + " WHERE t.token_hash = ?")) {
        select.setString(1, presentedHash);
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) return new Exchange.Refused();
          sessionId = rows.getString("session_id");
          userId = rows.getString("user_id");
          used = ApiKeyRepository.nullableLong(rows, "used_at") != null;
          if (ApiKeyRepository.nullableLong(rows, "revoked_at") != null) return new Exchange.Refused();
          if (!used && rows.getLong("expires_at") <= now) return new Exchange.Refused();
        }
      }
      if (!used) {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")) {
          update.setLong(1, now);
          update.setString(2, presentedHash);
          used = update.executeUpdate() == 0; // another instance exchanged it a moment ago
        }
      }
      if (used) return new Exchange.Reused(sessionId);
      insertToken(connection, nextHash, sessionId, now, nextExpiresAt);
      return new Exchange.Rotated(sessionId, userId);
    });
    if (exchange instanceof Exchange.Reused reused) revoke(reused.sessionId(), "refresh token reused", now);
    return exchange;
  }

  /** Revokes session {@code sessionId}; false when it was revoked already or does not exist. */
  public boolean revoke(String sessionId, String reason, long now) {
    return Jdbc.with(database, "auth sessions", connection -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL")) {
        update.setLong(1, now);
        update.setString(2, reason);
        update.setString(3, sessionId);
        return update.executeUpdate() == 1;
      }
    });
  }

  /** Revokes every open session of {@code userId}; returns their ids. */
  public List<String> revokeUser(String userId, String reason, long now) {
    return Jdbc.with(database, "auth sessions", connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE auth_sessions SET revoked_at = ?,"
          + " revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL RETURNING id")) {
        update.setLong(1, now);
        update.setString(2, reason);
        update.setString(3, userId);
        List<String> ids = new ArrayList<>();
        try (ResultSet rows = update.executeQuery()) {
          while (rows.next()) ids.add(rows.getString(1));
        }
        return ids;
      }
    });
  }

  /** Whether session {@code sessionId} is revoked (an unknown session counts as revoked). */
  public boolean isRevoked(String sessionId) {
    return Jdbc.with(database, "auth sessions", connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT revoked_at FROM auth_sessions WHERE id = ?")) {
        select.setString(1, sessionId);
        try (ResultSet rows = select.executeQuery()) {
          return !rows.next() || ApiKeyRepository.nullableLong(rows, "revoked_at") != null;
        }
      }
    });
  }

  /** Sessions revoked at or after {@code since} (epoch ms): their access tokens may still be unexpired. */
  public List<Revoked> revokedSince(long since) {
    return Jdbc.with(database, "auth sessions", connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT id, revoked_at FROM auth_sessions WHERE revoked_at >= ?")) {
        select.setLong(1, since);
        List<Revoked> revoked = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) revoked.add(new Revoked(rows.getString(1), rows.getLong(2)));
        }
        return revoked;
      }
    });
  }

  /** Deletes refresh tokens that expired before {@code before}; returns how many. */
  public int purgeExpired(long before) {
    return Jdbc.with(database, "auth sessions", connection -> {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM refresh_tokens WHERE expires_at < ?")) {
        delete.setLong(1, before);
        return delete.executeUpdate();
      }
    });
  }

  private static void insertToken(java.sql.Connection connection, String hash, String sessionId, long now, long expiresAt)
      throws java.sql.SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO refresh_tokens (token_hash, session_id,"
        + " created_at, expires_at, used_at) VALUES (?, ?, ?, ?, NULL)")) {
      insert.setString(1, hash);
      insert.setString(2, sessionId);
      insert.setLong(3, now);
      insert.setLong(4, expiresAt);
      insert.executeUpdate();
    }
  }
}
