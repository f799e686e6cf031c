package dev.aragora.core.memory;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Where an entry lives now: its tier and the counters and times {@link TierPolicy} decides by.
 *
 * @param bytes the entry's size, UTF-8 bytes of its question and text, counted against the tier's budget
 * @param uses times the entry was recalled into a debate, ever
 * @param tierUses times it was recalled since it entered its current tier
 * @param lastUsedAt when it was last recalled, or when it was created
 * @param expiresAt when it leaves its tier unless used before
 */
public record Placement(String id, MemoryTier tier, int bytes, int uses, int tierUses, Instant lastUsedAt,
                        Instant expiresAt) {
  public Placement {
    requireNonNull(id, "id is null");
    requireNonNull(tier, "tier is null");
    requireNonNull(lastUsedAt, "lastUsedAt is null");
    requireNonNull(expiresAt, "expiresAt is null");
    if (bytes < 0) throw new IllegalArgumentException("bytes < 0: " + bytes);
    if (uses < 0 || tierUses < 0 || tierUses > uses)
      throw new IllegalArgumentException("bad use counts: " + uses + " uses, " + tierUses + " in tier");
  }

  Placement in(MemoryTier newTier, Instant newExpiry) {
    return new Placement(id, newTier, bytes, uses, 0, lastUsedAt, newExpiry);
  }
}
