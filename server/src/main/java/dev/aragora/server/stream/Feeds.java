package dev.aragora.server.stream;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.store.DebateRepository;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Makes {@link DebateFeed}s that share one bus, one event log and one virtual-thread executor for their drains. */
final class Feeds implements AutoCloseable {
  private final EventBus bus;
  private final StoredEvents log;
  private final DebateStatuses statuses;
  private final int capacity;
  private final Duration sendTimeout;
  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("debate-feed-", 0).factory());

  Feeds(EventBus bus, StoredEvents log, DebateStatuses statuses, int capacity, Duration sendTimeout) {
    this.bus = requireNonNull(bus, "bus is null");
    this.log = requireNonNull(log, "log is null");
    this.statuses = requireNonNull(statuses, "statuses is null");
    this.capacity = capacity;
    this.sendTimeout = requireNonNull(sendTimeout, "sendTimeout is null");
  }

  boolean exists(String debateId) {
    return statuses.statusOf(debateId).isPresent();
  }

  /** A feed of {@code debateId} after {@code since}, not started yet. */
  DebateFeed create(String debateId, long since, FeedSink sink) {
    return new DebateFeed(debateId, since, bus, log, () -> finished(debateId), executor, capacity, sendTimeout, sink);
  }

  private boolean finished(String debateId) {
    return statuses.statusOf(debateId).map(DebateRepository::isTerminal).orElse(true);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
