package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Accounts that sign in with an email and a password (the password only as its PBKDF2 hash). */
public final class UserRepository {
  /**
   * One account.
   *
   * @param email lower-cased
   * @param passwordHash the encoded PBKDF2 hash (see security.PasswordHasher), never the password
   * @param role admin, member or viewer
   * @param premium the account's requests are counted in the premium rate-limit tier
   * @param createdAt epoch milliseconds
   */
  public record StoredUser(String id, String tenantId, String email, String passwordHash, String role, boolean premium,
                           long createdAt) {
    public StoredUser {
      requireNonNull(id, "id is null");
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(email, "email is null");
      requireNonNull(passwordHash, "passwordHash is null");
      requireNonNull(role, "role is null");
      email = email.strip().toLowerCase(Locale.ROOT);
    }

    /** Without the hash: for logs and answers. */
    @Override
    public String toString() {
      return "StoredUser[" + id + ", " + email + ", " + role + "]";
    }
  }

  private static final String COLUMNS = "id, tenant_id, email, password_hash, role, premium, created_at";

  private final Database database;

  public UserRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  /** Adds {@code user}; false (and nothing written) when its email is taken. */
  public boolean create(StoredUser user) {
    return Jdbc.with(database, "users", connection -> {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING")) {
        insert.setString(1, user.id());
        insert.setString(2, user.tenantId());
        insert.setString(3, user.email());
        insert.setString(4, user.passwordHash());
        insert.setString(5, user.role());
        insert.setInt(6, user.premium() ? 1 : 0);
        insert.setLong(7, user.createdAt());
        return insert.executeUpdate() == 1;
      }
    });
  }

  public long count() {
    return Jdbc.with(database, "users", connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM users");
           ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    });
  }

  public Optional<StoredUser> findByEmail(String email) {
    return one("SELECT " + COLUMNS + " FROM users WHERE email = ?", email.strip().toLowerCase(Locale.ROOT));
  }

  public Optional<StoredUser> findById(String id) {
    return one("SELECT " + COLUMNS + " FROM users WHERE id = ?", id);
  }

  /** Every account of {@code tenantId}, oldest first. */
  public List<StoredUser> list(String tenantId) {
    return Jdbc.with(database, "users", connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
          + " FROM users WHERE tenant_id = ? ORDER BY created_at, id")) {
        select.setString(1, tenantId);
        List<StoredUser> users = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) users.add(row(rows));
        }
        return users;
      }
    });
  }

  /**
   * Moves the account {@code userId} and its API keys into {@code tenantId} (one transaction); false
   * when there is no such account.
   */
  public boolean moveToTenant(String userId, String tenantId) {
    return Jdbc.inTransaction(database, "users", connection -> {
      try (PreparedStatement user = connection.prepareStatement("UPDATE users SET tenant_id = ? WHERE id = ?");
           PreparedStatement keys = connection.prepareStatement("UPDATE api_keys SET tenant_id = ? WHERE user_id = ?")) {
        user.setString(1, tenantId);
        user.setString(2, userId);
        if (user.executeUpdate() != 1) return false;
        keys.setString(1, tenantId);
        keys.setString(2, userId);
        keys.executeUpdate();
        return true;
      }
    });
  }

  private Optional<StoredUser> one(String sql, String value) {
    return Jdbc.with(database, "users", connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setString(1, value);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(row(rows)) : Optional.empty();
        }
      }
    });
  }

  private static StoredUser row(ResultSet rows) throws SQLException {
    return new StoredUser(rows.getString("id"), rows.getString("tenant_id"), rows.getString("email"),
        rows.getString("password_hash"), rows.getString("role"), rows.getInt("premium") != 0, rows.getLong("created_at"));
  }
}
