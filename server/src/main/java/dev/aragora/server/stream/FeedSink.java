package dev.aragora.server.stream;

import java.util.concurrent.CompletableFuture;

/** Where a {@link DebateFeed} delivers: one WebSocket subscription or one SSE response. */
public interface FeedSink {

  /**
   * Hands one stored envelope to the client; the future completes when the client took it, so a
   * slow client holds back only its own feed. Called on the feed's thread, one event at a time.
   */
  CompletableFuture<Void> send(long seq, String type, String envelopeJson);

  /** The feed stopped on its own; {@code lastSeq} is the last seq delivered (resume after it). */
  void ended(FeedEnd reason, long lastSeq);
}
