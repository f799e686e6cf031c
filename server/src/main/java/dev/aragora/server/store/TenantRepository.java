package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The tenants an operator created (migration V9); the default tenant has no row. */
public final class TenantRepository {
  /** One tenant; {@code createdAt} in epoch milliseconds. */
  public record StoredTenant(String id, String name, long createdAt) {
    public StoredTenant {
      requireNonNull(id, "id is null");
      requireNonNull(name, "name is null");
    }
  }

  private final Database database;

  public TenantRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  /** Adds {@code tenant}; false (and nothing written) when its id is taken. */
  public boolean create(StoredTenant tenant) {
    return Jdbc.with(database, "tenants", connection -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
        insert.setString(1, tenant.id());
        insert.setString(2, tenant.name());
        insert.setLong(3, tenant.createdAt());
        return insert.executeUpdate() == 1;
      }
    });
  }

  public Optional<StoredTenant> find(String id) {
    return Jdbc.with(database, "tenants", connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT id, name, created_at FROM tenants WHERE id = ?")) {
        select.setString(1, id);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(new StoredTenant(rows.getString(1), rows.getString(2), rows.getLong(3)))
              : Optional.<StoredTenant>empty();
        }
      }
    });
  }

  /** Every created tenant, oldest first. */
  public List<StoredTenant> list() {
    return Jdbc.with(database, "tenants", connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT id, name, created_at FROM tenants ORDER BY created_at, id");
           ResultSet rows = select.executeQuery()) {
        List<StoredTenant> tenants = new ArrayList<>();
        while (rows.next()) tenants.add(new StoredTenant(rows.getString(1), rows.getString(2), rows.getLong(3)));
        return tenants;
      }
    });
  }
}
