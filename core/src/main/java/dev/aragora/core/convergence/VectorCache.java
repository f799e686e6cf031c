package dev.aragora.core.convergence;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A least-recently-used map from text to its embedding, bounded in size, whose entries expire a
 * fixed time after they were stored. Thread-safe.
 */
final class VectorCache {
  private record Stored(float[] vector, long storedAt) {}

  private final Map<String, Stored> vectors;
  private final long ttlNanos;
  private final LongSupplier nanoTime;

  VectorCache(EmbeddingCache settings) {
    this(settings, System::nanoTime);
  }

  VectorCache(EmbeddingCache settings, LongSupplier nanoTime) {
    int capacity = settings.size();
    this.ttlNanos = settings.ttl().toNanos();
    this.nanoTime = nanoTime;
    this.vectors = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized float[] get(String text) {
    Stored entry = vectors.get(text);
    if (entry == null) return null;
    if (nanoTime.getAsLong() - entry.storedAt() >= ttlNanos) {
      vectors.remove(text);
      return null;
    }
    return entry.vector();
  }

  synchronized void put(String text, float[] vector) {
    vectors.put(text, new Stored(vector, nanoTime.getAsLong()));
  }

  synchronized int size() {
    return vectors.size();
  }
}
