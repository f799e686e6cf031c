package dev.aragora.server.shared;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.redis.RedisStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Counters and revocations in this process only: one instance, or the fallback while Redis is away. */
final class LocalSharedState implements SharedState {
  /** Entries kept before expired ones are swept out. */
  static final int SWEEP_ABOVE = 10_000;

  private record Window(long count, long endsAt) {}

  private final LongSupplier nanoTime;
  private final Map<String, Window> counters = new ConcurrentHashMap<>();
  private final Map<String, Long> revoked = new ConcurrentHashMap<>();

  LocalSharedState(LongSupplier nanoTime) {
    this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
  }

  @Override
  public WindowCount increment(String key, Duration window) {
    requireNonNull(key, "key is null");
    requirePositive(window, "window");
    long now = nanoTime.getAsLong();
    if (counters.size() > SWEEP_ABOVE) counters.values().removeIf(w -> w.endsAt() - now <= 0);
    Window w = counters.compute(key, (k, current) -> current == null || current.endsAt() - now <= 0
        ? new Window(1, now + window.toNanos()) : new Window(current.count() + 1, current.endsAt()));
    return new WindowCount(w.count(), Duration.ofNanos(w.endsAt() - now));
  }

  @Override
  public void revoke(String id, Duration ttl) {
    requireNonNull(id, "id is null");
    requirePositive(ttl, "ttl");
    long now = nanoTime.getAsLong();
    if (revoked.size() > SWEEP_ABOVE) revoked.values().removeIf(until -> until - now <= 0);
    revoked.merge(id, now + ttl.toNanos(), Math::max);
  }

  @Override
  public boolean isRevoked(String id) {
    Long until = revoked.get(requireNonNull(id, "id is null"));
    return until != null && until - nanoTime.getAsLong() > 0;
  }

  /** The revocations still in force, each with the time it has left. */
  Map<String, Duration> revocations() {
    long now = nanoTime.getAsLong();
    Map<String, Duration> left = new HashMap<>();
    revoked.forEach((id, until) -> {
      if (until - now > 0) left.put(id, Duration.ofNanos(until - now));
    });
    return left;
  }

  @Override
  public RedisStatus status() {
    return RedisStatus.NOT_CONFIGURED;
  }

  @Override
  public void close() {
    counters.clear();
    revoked.clear();
  }

  static void requirePositive(Duration d, String name) {
    requireNonNull(d, name + " is null");
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
  }
}
