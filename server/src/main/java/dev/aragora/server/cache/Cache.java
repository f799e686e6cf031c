package dev.aragora.server.cache;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Cached reads (ARAGORA_CACHE_TTL): rendered answers that are costly to compute and change only
 * when something is recorded, grouped in namespaces that are invalidated whole. {@link RedisCache}
 * shares one cache between instances; {@link #local} keeps one per process.
 */
public interface Cache {

  /** The value cached under {@code key} in {@code namespace}, else {@code load}'s, cached for the TTL. */
  String get(String namespace, String key, Supplier<String> load);

  /** Drops every value of {@code namespace}; reads after this returns load afresh. */
  void invalidate(String namespace);

  static Cache local(Duration ttl) {
    return new LocalCache(ttl, System::nanoTime);
  }

  /** No caching: every read loads (ARAGORA_CACHE_TTL=0). */
  static Cache none() {
    return new Cache() {
      @Override
      public String get(String namespace, String key, Supplier<String> load) {
        return load.get();
      }

      @Override
      public void invalidate(String namespace) {
      }
    };
  }
}
