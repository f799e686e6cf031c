package dev.aragora.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one borrowed connection. */
@FunctionalInterface
interface Sql<T> {
  T run(Connection connection) throws SQLException;
}
