package dev.aragora.core.convergence;

import java.time.Duration;

/**
 * How many answers' embeddings a similarity scorer keeps, and for how long: an answer embedded as
 * "current" in one round is reused as "previous" in the next, and a vector older than {@code ttl}
 * is embedded again.
 *
 * @param size ARAGORA_EMBEDDING_CACHE_SIZE (1000): one entry is 384 floats plus its text
 * @param ttl ARAGORA_EMBEDDING_CACHE_TTL (24 hours)
 */
public record EmbeddingCache(int size, Duration ttl) {
  public static final EmbeddingCache DEFAULT = new EmbeddingCache(1000, Duration.ofHours(24));

  public EmbeddingCache {
    if (size < 1) throw new IllegalArgumentException("embedding cache size must be at least 1, got " + size);
    if (ttl == null || ttl.isNegative() || ttl.isZero())
      throw new IllegalArgumentException("embedding cache ttl must be positive, got " + ttl);
  }
}
