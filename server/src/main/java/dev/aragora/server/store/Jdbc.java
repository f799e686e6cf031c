package dev.aragora.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Borrow a connection, run, wrap SQL failures in a {@link StoreException} naming what was done. */
final class Jdbc {
  private Jdbc() {}

  static <T> T with(Database database, String what, Sql<T> work) {
    try (Connection connection = database.connection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException(what + ": " + e.getMessage(), e);
    }
  }

  static <T> T inTransaction(Database database, String what, Sql<T> work) {
    return with(database, what, connection -> Transactions.run(connection, work));
  }
}
