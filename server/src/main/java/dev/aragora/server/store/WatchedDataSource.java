package dev.aragora.server.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's source of new connections: while the database is known to be down it waits for the
 * probe to reach it before trying (see {@link Availability#awaitUp()}), and it reports every failure
 * to open a connection. Ignores {@link #setLoginTimeout}: HikariCP would set it to its own acquisition timeout, which the
 * database keeps short (see Database) and which must not bound a slow but healthy TLS handshake.
 */
final class WatchedDataSource implements DataSource {
  private final DataSource delegate;
  private final Availability availability;

  WatchedDataSource(DataSource delegate, Availability availability) {
    this.delegate = delegate;
    this.availability = availability;
  }

  @Override
  public Connection getConnection() throws SQLException {
    availability.awaitUp();
    try {
      return delegate.getConnection();
    } catch (SQLException e) {
      availability.reportFailure(e);
      throw e;
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    availability.awaitUp();
    try {
      return delegate.getConnection(username, password);
    } catch (SQLException e) {
      availability.reportFailure(e);
      throw e;
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // see the class comment
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(delegate) ? type.cast(delegate) : delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(delegate) || delegate.isWrapperFor(type);
  }
}
