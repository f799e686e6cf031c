package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * API keys, stored as the SHA-256 of the key (the key itself is shown once, at creation) with a
 * short prefix of it for people to recognise in a list.
 */
public final class ApiKeyRepository {
  /**
   * One key. Times are epoch milliseconds; {@code expiresAt}, {@code lastUsedAt} and {@code revokedAt}
   * are null when not set.
   *
   * @param keyHash hex SHA-256 of the whole key
   * @param role the most the key may do (never more than its owner's role, checked on every use)
   */
  public record StoredApiKey(String id, String tenantId, String userId, String name, String prefix, String keyHash,
                             String role, long createdAt, Long expiresAt, Long lastUsedAt, Long revokedAt) {
    public StoredApiKey {
      requireNonNull(id, "id is null");
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(userId, "userId is null");
      requireNonNull(name, "name is null");
      requireNonNull(prefix, "prefix is null");
      requireNonNull(keyHash, "keyHash is null");
      requireNonNull(role, "role is null");
    }
  }

  /** A key found by its hash, with what its owner is now. */
  public record KeyOwner(StoredApiKey key, UserRepository.StoredUser user) {}

  private static final String COLUMNS = "k.id, k.tenant_id, k.user_id, k.name, k.prefix, k.key_hash, k.role,"
      + " k.created_at, k.expires_at, k.last_used_at, k.revoked_at";

  private final Database database;

  public ApiKeyRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  public void create(StoredApiKey key) {
    Jdbc.with(database, "api keys", connection -> {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO api_keys (id, tenant_id, user_id, name,"
          + " prefix, key_hash, role, created_at, expires_at, last_used_at, revoked_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)")) {
        insert.setString(1, key.id());
        insert.setString(2, key.tenantId());
        insert.setString(3, key.userId());
        insert.setString(4, key.name());
        insert.setString(5, key.prefix());
        insert.setString(6, key.keyHash());
        insert.setString(7, key.role());
        insert.setLong(8, key.createdAt());
        if (key.expiresAt() == null) insert.setNull(9, Types.BIGINT);
        else insert.setLong(9, key.expiresAt());
        return insert.executeUpdate();
      }
    });
  }

  /** The key whose SHA-256 is {@code keyHash}, revoked or not, with its owner. */
  public Optional<KeyOwner> findByHash(String keyHash) {
    return Jdbc.with(database, "api keys", connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
          + ", u.tenant_id AS u_tenant_id, u.email, u.password_hash, u.role AS u_role, u.premium, u.created_at AS u_created_at"
          + " FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?")) {
        select.setString(1, keyHash);
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) return Optional.empty();
          UserRepository.StoredUser user = new UserRepository.StoredUser(rows.getString("user_id"),
              rows.getString("u_tenant_id"), rows.getString("email"), rows.getString("password_hash"),
              rows.getString("u_role"), rows.getInt("premium") != 0, rows.getLong("u_created_at"));
          return Optional.of(new KeyOwner(row(rows), user));
        }
      }
    });
  }

  public Optional<StoredApiKey> find(String id) {
    return Jdbc.with(database, "api keys", connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM api_keys k WHERE k.id = ?")) {
        select.setString(1, id);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(row(rows)) : Optional.empty();
        }
      }
    });
  }

  /** The keys of {@code userId}, or of the whole tenant when {@code userId} is null; newest first. */
  public List<StoredApiKey> list(String tenantId, String userId) {
    return Jdbc.with(database, "api keys", connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM api_keys k"
          + " WHERE k.tenant_id = ?" + (userId == null ? "" : " AND k.user_id = ?") + " ORDER BY k.created_at DESC, k.id")) {
        select.setString(1, tenantId);
        if (userId != null) select.setString(2, userId);
        List<StoredApiKey> keys = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) keys.add(row(rows));
        }
        return keys;
      }
    });
  }

  /** Marks key {@code id} revoked at {@code now}; false when there is no such key or it was revoked already. */
  public boolean revoke(String id, long now) {
    return Jdbc.with(database, "api keys", connection -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
        update.setLong(1, now);
        update.setString(2, id);
        return update.executeUpdate() == 1;
      }
    });
  }

  /** Records a use, at most about once a minute per key (a write per request would cost more than the lookup). */
  public void touch(StoredApiKey key, long now) {
    if (key.lastUsedAt() != null && now - key.lastUsedAt() < 60_000) return;
    Jdbc.with(database, "api keys", connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE api_keys SET last_used_at = ? WHERE id = ?")) {
        update.setLong(1, now);
        update.setString(2, key.id());
        return update.executeUpdate();
      }
    });
  }

  private static StoredApiKey row(ResultSet rows) throws SQLException {
    return new StoredApiKey(rows.getString("id"), rows.getString("tenant_id"), rows.getString("user_id"),
        rows.getString("name"), rows.getString("prefix"), rows.getString("key_hash"), rows.getString("role"),
        rows.getLong("created_at"), nullableLong(rows, "expires_at"), nullableLong(rows, "last_used_at"),
        nullableLong(rows, "revoked_at"));
  }

  static Long nullableLong(ResultSet rows, String column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }
}
