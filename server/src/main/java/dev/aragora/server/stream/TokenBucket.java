package dev.aragora.server.stream;

/**
 * A token bucket: {@code capacity} tokens at most, refilled continuously at {@code perSecond}.
 * Time comes from the caller in nanoseconds, so tests drive it. Small on purpose: one per socket.
 */
final class TokenBucket {
  private final double tokensPerNano;
  private final int capacity;
  private double tokens;
  private long refilledAt;

  TokenBucket(double perSecond, int capacity, long nowNanos) {
    if (perSecond <= 0) throw new IllegalArgumentException("perSecond must be positive");
    if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
    this.tokensPerNano = perSecond / 1e9;
    this.capacity = capacity;
    this.tokens = capacity;
    this.refilledAt = nowNanos;
  }

  /** Takes one token if there is one. */
  synchronized boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }

  /** True when the bucket has refilled completely (nothing to remember about its owner any more). */
  synchronized boolean isFull(long nowNanos) {
    refill(nowNanos);
    return tokens >= capacity;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - refilledAt;
    if (elapsed <= 0) return;
    tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
    refilledAt = nowNanos;
  }
}
