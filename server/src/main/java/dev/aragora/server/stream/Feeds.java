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
  private final StreamNames names;
  private final int capacity;
  private final Duration sendTimeout;
  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("debate-feed-", 0).factory());

  Feeds(EventBus bus, StoredEvents log, DebateStatuses statuses, StreamNames names, int capacity, Duration sendTimeout) {
    this.bus = requireNonNull(bus, "bus is null");
    this.log = requireNonNull(log, "log is null");
    this.statuses = requireNonNull(statuses, "statuses is null");
    this.names = requireNonNull(names, "names is null");
    this.capacity = capacity;
    this.sendTimeout = requireNonNull(sendTimeout, "sendTimeout is null");
  }

  /** The stream {@code tenant} follows when it asks for {@code id}; empty when it has none by that id. */
  java.util.Optional<String> resolve(String tenant, String id) {
    return names.resolve(tenant, id).filter(stream -> statuses.statusOf(stream).isPresent());
  }

  /** A feed of stream {@code debateId} (as {@link #resolve} names it) after {@code since}, not started yet. */
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
