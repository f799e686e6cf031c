package dev.aragora.server.ratelimit;

import static java.util.Objects.requireNonNull;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * One token bucket's shape: refilled continuously at {@code perMinute} tokens a minute, holding at
 * most {@code capacity}, full at first. {@code name} tells buckets of different limits apart.
 */
public record Limit(String name, int perMinute, long capacity) {
  public Limit {
    requireNonNull(name, "name is null");
    if (perMinute < 1) throw new IllegalArgumentException("perMinute must be positive");
    if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
  }

  /**
   * The key of {@code id}'s bucket under this limit. The rate and capacity are part of it, so that
   * after a change of settings every instance starts on fresh buckets rather than on state kept with
   * the old shape.
   */
  String bucketKey(String id) {
    return name + ":" + perMinute + "-" + capacity + ":" + id;
  }

  BucketConfiguration configuration() {
    return BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(perMinute, Duration.ofMinutes(1))
            .initialTokens(capacity).build())
        .build();
  }

  /** Nanoseconds an empty bucket takes to fill up. */
  long nanosToFill() {
    return (long) Math.ceil(capacity * 60e9 / perMinute);
  }
}
