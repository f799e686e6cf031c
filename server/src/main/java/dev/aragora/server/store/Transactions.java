package dev.aragora.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one transaction on a connection: commit on success, roll back on any failure. */
final class Transactions {
  private Transactions() {}

  static <T> T run(Connection connection, Sql<T> work) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    T value;
    try {
      value = work.run(connection);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      // The first failure is the one to report: after a broken connection, rolling back and
      // resetting fail too ("Connection is closed", without an SQLState), and must not hide it.
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      try {
        connection.setAutoCommit(autoCommit);
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    connection.setAutoCommit(autoCommit);
    return value;
  }
}
