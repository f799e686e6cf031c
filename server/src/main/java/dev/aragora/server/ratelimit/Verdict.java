package dev.aragora.server.ratelimit;

import static java.util.Objects.requireNonNull;

import io.github.bucket4j.ConsumptionProbe;

/**
 * The answer of one bucket to one request.
 *
 * @param allowed a token was taken
 * @param limit the bucket's capacity (X-RateLimit-Limit)
 * @param remaining whole tokens left after this request (X-RateLimit-Remaining)
 * @param nanosToFull until the bucket is full again (X-RateLimit-Reset)
 * @param nanosToNext until one token is there, 0 when allowed (Retry-After)
 */
public record Verdict(Limit shape, boolean allowed, long limit, long remaining, long nanosToFull, long nanosToNext) {
  public Verdict {
    requireNonNull(shape, "shape is null");
    remaining = Math.max(0, Math.min(limit, remaining));
    nanosToFull = Math.max(0, nanosToFull);
    nanosToNext = allowed ? 0 : Math.max(1, nanosToNext);
  }

  static Verdict of(Limit limit, ConsumptionProbe probe) {
    return new Verdict(limit, probe.isConsumed(), limit.capacity(), probe.getRemainingTokens(),
        probe.getNanosToWaitForReset(), probe.getNanosToWaitForRefill());
  }

  /** Whole seconds until the bucket is full again, rounded up. */
  public long resetSeconds() {
    return ceilSeconds(nanosToFull);
  }

  /** Whole seconds until a retry can succeed, rounded up, at least 1; 0 when allowed. */
  public long retryAfterSeconds() {
    return allowed ? 0 : Math.max(1, ceilSeconds(nanosToNext));
  }

  /** The verdict a client should be shown of the two: a refusal, else the one with fewer tokens left. */
  static Verdict tighter(Verdict a, Verdict b) {
    if (a == null) return b;
    if (b == null) return a;
    if (a.allowed() != b.allowed()) return a.allowed() ? b : a;
    return b.remaining() < a.remaining() ? b : a;
  }

  private static long ceilSeconds(long nanos) {
    return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
  }
}
