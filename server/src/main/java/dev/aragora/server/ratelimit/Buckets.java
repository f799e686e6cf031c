package dev.aragora.server.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Where the token buckets live: {@link LocalBuckets} in this process, {@link RedisBuckets} in Redis
 * for every instance (falling back to this process while Redis is unreachable).
 */
public interface Buckets extends AutoCloseable {
  /** Takes one token from {@code id}'s bucket of {@code limit}, creating a full bucket first if there is none. */
  Verdict take(Limit limit, String id);

  /** How the buckets are kept right now: "local", "redis", or "local_fallback" (Redis configured but not answering). */
  String status();

  @Override
  void close();

  /** The bucket clock from an instant source: wall-clock nanoseconds, so that instances agree. */
  static TimeMeter meter(InstantSource clock) {
    return new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }
}
