package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.memory.MemoryStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link MemoryStore#sweep()} every interval on one daemon thread, so expired entries are
 * demoted or deleted even when nobody writes to their scope. Searches already hide expired entries;
 * the sweep is what frees their rows. A failed sweep is logged and tried again at the next tick.
 */
public final class MemorySweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MemorySweeper.class);

  private final ScheduledExecutorService timer;

  private MemorySweeper(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Starts sweeping {@code store} every {@code interval}, the first time one interval from now. */
  public static MemorySweeper start(MemoryStore store, Duration interval) {
    requireNonNull(store, "store is null");
    if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("aragora-memory-sweep").factory());
    timer.scheduleWithFixedDelay(() -> {
      try {
        int changed = store.sweep();
        if (changed > 0) LOG.debug("memory sweep demoted or dropped {} entries", changed);
      } catch (RuntimeException e) {
        LOG.warn("memory sweep failed: {}", e.getMessage());
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return new MemorySweeper(timer);
  }

  /** Stops the timer and waits briefly for a sweep in progress (it is one short transaction per scope). */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      if (!timer.awaitTermination(5, TimeUnit.SECONDS)) LOG.warn("memory sweep still running at shutdown");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
