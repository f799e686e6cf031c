package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's LISTEN/NOTIFY as a doorbell for the debate queue: an instance that admits a debate it
 * has no slot for rings ({@link #ring}), and every instance listening is woken to claim at once,
 * instead of at its next poll. The poll stays the guarantee: a lost ring (a listener reconnecting,
 * a notification sent while none listened) only costs the poll interval. SQLite has one instance,
 * and no bell.
 */
public final class QueueNotifications implements AutoCloseable {
  static final String CHANNEL = "aragora_queue";
  private static final Logger LOG = LoggerFactory.getLogger(QueueNotifications.class);
  private static final int WAIT_MILLIS = 1000;
  private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
  private static final Duration CHECK_AFTER_QUIET = Duration.ofSeconds(30);
  private static final int LISTEN_SOCKET_TIMEOUT_SECONDS = 10;

  private final Database database;
  private final Runnable onRing;
  private final Thread listener;
  private volatile boolean closed;
  private volatile Connection connection;
  private volatile boolean listening;

  private QueueNotifications(Database database, Runnable onRing) {
    this.database = database;
    this.onRing = onRing;
    this.listener = Thread.ofPlatform().daemon().name("aragora-queue-listen").start(this::listen);
  }

  /** Listens on PostgreSQL, running {@code onRing} on each ring; null on SQLite. */
  public static QueueNotifications listen(Database database, Runnable onRing) {
    requireNonNull(onRing, "onRing is null");
    return database.isPostgres() ? new QueueNotifications(database, onRing) : null;
  }

  /** True while the listening connection is open and subscribed. */
  public boolean isListening() {
    return listening;
  }

  /**
   * Wakes every listening instance, from a virtual thread of its own so that the request admitting
   * the debate never waits for a pooled connection; failures are logged, never thrown (the poll
   * still finds the debate).
   */
  public void ring() {
    Thread.ofVirtual().name("aragora-queue-ring").start(this::sendNotify);
  }

  private void sendNotify() {
    try (Connection c = database.connection(); Statement statement = c.createStatement()) {
      statement.execute("NOTIFY " + CHANNEL);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("debate queue: could not notify other instances ({})", e.toString());
    }
  }

  private void listen() {
    boolean warned = false;
    while (!closed) {
      try (Connection c = Database.postgres(database.settings(), LISTEN_SOCKET_TIMEOUT_SECONDS).getConnection();
           Statement statement = c.createStatement()) {
        connection = c;
        statement.execute("LISTEN " + CHANNEL);
        listening = true;
        warned = false;
        // Rings sent while no connection listened (before the first, between reconnects) are lost: look now.
        onRing.run();
        PGConnection pg = c.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (!closed) {
          PGNotification[] rings = pg.getNotifications(WAIT_MILLIS);
          if (rings != null && rings.length > 0) {
            onRing.run();
            quietSince = System.nanoTime();
          } else if (System.nanoTime() - quietSince > CHECK_AFTER_QUIET.toNanos()) {
            // A connection cut without a word (a partition) would otherwise just stay quiet: a query
            // on it fails within the socket timeout, and the loop reconnects.
            statement.execute("SELECT 1");
            quietSince = System.nanoTime();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) return;
        if (!warned) LOG.warn("debate queue: not listening for other instances' debates ({}); they are found by "
            + "polling until the connection is back", e.toString());
        warned = true;
      } finally {
        listening = false;
        connection = null;
      }
      try {
        Thread.sleep(RECONNECT_PAUSE);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection c = connection;
    try {
      if (c != null) c.close();
    } catch (SQLException e) {
      // closing anyway
    }
    listener.interrupt();
    try {
      listener.join(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
