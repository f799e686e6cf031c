package dev.aragora.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one transaction on a connection: commit on success, roll back on any failure. */
final class Transactions {
  private Transactions() {}

  static <T> T run(Connection connection, Sql<T> work) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      T value = work.run(connection);
      connection.commit();
      return value;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}
