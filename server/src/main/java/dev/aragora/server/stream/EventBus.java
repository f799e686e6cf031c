package dev.aragora.server.stream;

/**
 * Fan-out of stored debate events to the streams (WebSocket, SSE) watching them. Publishing
 * happens after the event is in the event log, so a subscriber that misses a live event can
 * always read it back from the log. One process uses {@link LocalEventBus}; several instances
 * share {@link RedisEventBus} without changing subscribers.
 */
public interface EventBus extends AutoCloseable {

  /** Hands a stored envelope to the debate's current subscribers. Must not block on them. */
  void publish(String debateId, long seq, String type, String envelopeJson);

  /** Starts delivering the debate's events published from now on, until the subscription is closed. */
  Subscription subscribe(String debateId, Listener listener);

  @Override
  void close();

  /** Called on the publishing thread: keep it short and never block (queue the work elsewhere). */
  @FunctionalInterface
  interface Listener {
    void onEvent(long seq, String type, String envelopeJson);
  }

  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
