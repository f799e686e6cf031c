package dev.aragora.core.convergence;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small least-recently-used map from text to its embedding, so an answer embedded as "current"
 * in one round is reused as "previous" in the next. Thread-safe.
 */
final class VectorCache {
  private final Map<String, float[]> vectors;

  VectorCache(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity < 1: " + capacity);
    this.vectors = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized float[] get(String text) {
    return vectors.get(text);
  }

  synchronized void put(String text, float[] vector) {
    vectors.put(text, vector);
  }

  synchronized int size() {
    return vectors.size();
  }
}
