package dev.aragora.server.cache;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A per-process cache with a TTL and at most {@value #MAX_ENTRIES} values per namespace (keys can
 * come from clients, e.g. a leaderboard's domain). A value loaded while its namespace was being
 * invalidated is not kept.
 */
final class LocalCache implements Cache {
  static final int MAX_ENTRIES = 1_000;

  private record Entry(String value, long expiresAt) {}

  private static final class Space {
    final AtomicLong generation = new AtomicLong();
    final Map<String, Entry> entries = new ConcurrentHashMap<>();
  }

  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Space> spaces = new ConcurrentHashMap<>();

  LocalCache(Duration ttl, LongSupplier nanoTime) {
    requireNonNull(ttl, "ttl is null");
    if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive");
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
  }

  @Override
  public String get(String namespace, String key, Supplier<String> load) {
    Space space = spaces.computeIfAbsent(namespace, n -> new Space());
    long now = nanoTime.getAsLong();
    Entry cached = space.entries.get(key);
    if (cached != null && cached.expiresAt() - now > 0) return cached.value();
    long generation = space.generation.get();
    String value = requireNonNull(load.get(), "a cache loader returned null");
    if (space.entries.size() >= MAX_ENTRIES) {
      space.entries.values().removeIf(e -> e.expiresAt() - now <= 0);
      if (space.entries.size() >= MAX_ENTRIES) space.entries.clear();
    }
    Entry entry = new Entry(value, now + ttlNanos);
    space.entries.put(key, entry);
    if (space.generation.get() != generation) space.entries.remove(key, entry);
    return value;
  }

  @Override
  public void invalidate(String namespace) {
    Space space = spaces.computeIfAbsent(namespace, n -> new Space());
    space.generation.incrementAndGet();
    space.entries.clear();
  }
}
