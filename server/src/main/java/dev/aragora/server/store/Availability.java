package dev.aragora.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database is known to be unreachable. A failure to open a connection marks it down;
 * while down, {@link #failIfDown()} throws at once, so requests answer 503 in milliseconds instead
 * of each waiting out the pool's timeout, and a probe on a virtual thread opens a fresh connection
 * every {@link #PROBE_INTERVAL} until one answers, which marks it up again.
 */
final class Availability implements AutoCloseable {
  static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
  private static final Logger LOG = LoggerFactory.getLogger(Availability.class);
  private static final int PROBE_VALID_SECONDS = 2;

  private final DataSource probe;
  private final String name;
  private final UnaryOperator<String> redact;
  private final Object lock = new Object();
  private volatile Down down;
  private volatile Runnable onDown = () -> {};
  private boolean closed;

  private record Down(long sinceNanos, String reason, Thread prober) {}

  /** {@code probe} opens unpooled connections; {@code name} and {@code redact} make log lines safe to print. */
  Availability(DataSource probe, String name, UnaryOperator<String> redact) {
    this.probe = probe;
    this.name = name;
    this.redact = redact;
  }

  /** Runs (on the probe's thread) each time the database is found unreachable. */
  void onDown(Runnable action) {
    this.onDown = action;
  }

  boolean isDown() {
    return down != null;
  }

  /** Throws {@link DatabaseUnavailableException} while the database is known to be unreachable. */
  void failIfDown() throws DatabaseUnavailableException {
    Down current = down;
    if (current != null) {
      long seconds = Duration.ofNanos(System.nanoTime() - current.sinceNanos()).toSeconds();
      throw new DatabaseUnavailableException("the database has been unreachable for " + seconds + " s: "
          + current.reason(), null);
    }
  }

  /**
   * Blocks while the database is known to be down, until the probe connects or this closes (then
   * throws). The pool opens its connections behind this: otherwise its connection adder, failing
   * all through the outage, backs off for up to 5 s between attempts and would still be asleep
   * when the database is back.
   */
  void awaitUp() throws SQLException {
    synchronized (lock) {
      while (down != null && !closed) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while waiting for the database", "08001", e);
        }
      }
      if (closed) throw new SQLException("the database is closed", "08003");
    }
  }

  /** A connection could not be opened: the database is down until the probe gets one. */
  void reportFailure(SQLException failure) {
    synchronized (lock) {
      if (closed || down != null) return;
      String reason = redact.apply(String.valueOf(failure.getMessage()));
      Thread prober = Thread.ofVirtual().name("aragora-db-probe").unstarted(this::probeUntilUp);
      down = new Down(System.nanoTime(), reason, prober);
      LOG.warn("{} is unreachable ({}); requests needing it get 503 until it answers again", name, reason);
      prober.start();
    }
  }

  private void probeUntilUp() {
    try {
      onDown.run();
    } catch (RuntimeException e) {
      LOG.warn("after {} became unreachable: {}", name, e.toString());
    }
    while (true) {
      try {
        Thread.sleep(PROBE_INTERVAL);
      } catch (InterruptedException e) {
        return;
      }
      try (Connection connection = probe.getConnection()) {
        if (connection.isValid(PROBE_VALID_SECONDS)) {
          Down was;
          synchronized (lock) {
            was = down;
            down = null;
            lock.notifyAll();
          }
          if (was != null)
            LOG.warn("{} answers again after {} ms", name, Duration.ofNanos(System.nanoTime() - was.sinceNanos()).toMillis());
          return;
        }
      } catch (SQLException e) {
        // still down; try again
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (down != null) down.prober().interrupt();
      lock.notifyAll();
    }
  }
}
