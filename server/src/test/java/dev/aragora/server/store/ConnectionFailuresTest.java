package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class ConnectionFailuresTest {
  @Test
  void connectionClassStatesAndServerShutdownAreConnectionFailuresWhereverTheyAreWrapped() {
    assertThat(ConnectionFailures.isConnectionFailure(new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE))).isTrue();
    assertThat(ConnectionFailures.isConnectionFailure(
        new StoreException("debate store: refused", new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT))))
        .isTrue();
    assertThat(ConnectionFailures.isConnectionFailure(new RuntimeException(new StoreException("event log",
        new SQLException("terminating connection due to administrator command", "57P01"))))).isTrue();
    assertThat(ConnectionFailures.isConnectionFailure(new SQLException("the database system is starting up", "57P03"))).isTrue();
    assertThat(ConnectionFailures.isConnectionFailure(new SQLException("sorry, too many clients already", "53300"))).isTrue();
    // HikariCP's "Connection is not available, request timed out"
    assertThat(ConnectionFailures.isConnectionFailure(new SQLTransientConnectionException("timed out"))).isTrue();
    assertThat(ConnectionFailures.isConnectionFailure(new DatabaseUnavailableException("down", null))).isTrue();
  }

  @Test
  void statementFailuresAreNot() {
    assertThat(ConnectionFailures.isConnectionFailure(new StoreException("debate store: duplicate",
        new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION)))).isFalse();
    assertThat(ConnectionFailures.isConnectionFailure(new SQLException("Connection is closed"))).isFalse();
    assertThat(ConnectionFailures.isConnectionFailure(new IllegalStateException("stored JSON is unreadable"))).isFalse();
    assertThat(ConnectionFailures.isConnectionFailure(null)).isFalse();
  }
}
