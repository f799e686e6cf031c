package dev.aragora.server.shared;

import dev.aragora.server.redis.RedisStatus;
import java.time.Duration;

/**
 * State that every instance must agree on: request counters for rate limits and revoked tokens.
 * {@link #local} keeps it in the process; {@link RedisSharedState} in Redis under the key prefix,
 * falling back to the process (and saying so through {@link #status}) while Redis is unreachable.
 */
public interface SharedState extends AutoCloseable {

  /**
   * Counts one more hit on {@code key} in a fixed window that starts with the window's first hit and
   * lasts {@code window}; returns the count so far (this hit included) and when the window ends.
   */
  WindowCount increment(String key, Duration window);

  /** Marks {@code id} revoked for {@code ttl} (pass a token's id, e.g. a JWT's jti, or its digest — never the token). */
  void revoke(String id, Duration ttl);

  boolean isRevoked(String id);

  /** Whether the state is shared right now: connected, disconnected (local for now) or not_configured. */
  RedisStatus status();

  @Override
  void close();

  static SharedState local() {
    return new LocalSharedState(System::nanoTime);
  }
}
