package dev.aragora.server.store;

import java.sql.SQLTransientConnectionException;

/** Thrown at once, without waiting for the pool, while the database is known to be unreachable. */
public final class DatabaseUnavailableException extends SQLTransientConnectionException {
  private static final long serialVersionUID = 1L;

  DatabaseUnavailableException(String message, Throwable cause) {
    super(message, "08001", cause);
  }
}
