package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Receipts' rows (migration V4): written once per debate, read back byte for byte. */
public final class ReceiptRepository {
  private static final String COLUMNS = "debate_id, receipt_id, key_id, sha256, canonical_json, issued_at";

  private final Database database;

  public ReceiptRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  /**
   * Stores {@code receipt} unless its debate already has one, which is then kept unchanged.
   * Returns whether this one was stored.
   */
  public boolean saveOnce(StoredReceipt receipt) {
    requireNonNull(receipt, "receipt is null");
    return withConnection(connection -> {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO receipts (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (debate_id) DO NOTHING")) {
        insert.setString(1, receipt.debateId());
        insert.setString(2, receipt.receiptId());
        insert.setString(3, receipt.keyId());
        insert.setString(4, receipt.sha256());
        insert.setString(5, receipt.canonicalJson());
        insert.setLong(6, receipt.issuedAt().toEpochMilli());
        return insert.executeUpdate() == 1;
      }
    });
  }

  public Optional<StoredReceipt> find(String debateId) {
    requireNonNull(debateId, "debateId is null");
    return withConnection(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + COLUMNS + " FROM receipts WHERE debate_id = ?")) {
        select.setString(1, debateId);
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) return Optional.<StoredReceipt>empty();
          return Optional.of(new StoredReceipt(rows.getString("debate_id"), rows.getString("receipt_id"),
              rows.getString("key_id"), rows.getString("sha256"), rows.getString("canonical_json"),
              Instant.ofEpochMilli(rows.getLong("issued_at"))));
        }
      }
    });
  }

  private <T> T withConnection(Sql<T> work) {
    try (Connection connection = database.connection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("receipt store: " + e.getMessage(), e);
    }
  }
}
