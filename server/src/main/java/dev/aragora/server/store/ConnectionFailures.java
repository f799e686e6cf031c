package dev.aragora.server.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Which failures mean "the database cannot be reached" rather than "this statement went wrong". */
public final class ConnectionFailures {
  /**
   * Besides SQLState class 08 (connection exception): 57P01–57P03, what PostgreSQL answers while it
   * shuts down, crashes or starts up, and 53300, too many connections.
   */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private ConnectionFailures() {}

  /**
   * True when {@code failure} or one of its causes is a connection-level SQL failure: a transient or
   * non-transient connection exception (HikariCP's timeouts among them), or an SQLState of class 08
   * or one of {@link #UNAVAILABLE_STATES}.
   */
  public static boolean isConnectionFailure(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) return true;
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) return true;
    }
    return false;
  }
}
