package dev.aragora.core.memory;

import java.time.Duration;
import java.util.Locale;

/**
 * The four memory tiers of the operations guide (seeds/002, "Memory Tiers"): how long an entry
 * stays in a tier without being used, and how many bytes of entries one scope may keep there.
 *
 * <p>Entries enter {@link #FAST}. Being recalled into a debate {@link #usesToPromote} times in a
 * tier moves an entry one tier up; reaching its expiry moves it one tier down, and out of memory
 * from {@link #FAST}. See {@link TierPolicy}.
 */
public enum MemoryTier {
  /** Immediate context: 1 minute, 10 KB. */
  FAST(Duration.ofMinutes(1), 10L * 1024, 1),
  /** Session memory: 1 hour, 100 KB. */
  MEDIUM(Duration.ofHours(1), 100L * 1024, 2),
  /** Cross-session: 1 day, 1 MB. */
  SLOW(Duration.ofDays(1), 1024L * 1024, 3),
  /** Long-term patterns: 1 week, 10 MB. */
  GLACIAL(Duration.ofDays(7), 10L * 1024 * 1024, 0);

  private final Duration ttl;
  private final long budgetBytes;
  private final int usesToPromote;

  MemoryTier(Duration ttl, long budgetBytes, int usesToPromote) {
    this.ttl = ttl;
    this.budgetBytes = budgetBytes;
    this.usesToPromote = usesToPromote;
  }

  /** How long an entry stays in this tier after it arrived or was last used. */
  public Duration ttl() {
    return ttl;
  }

  /** The most bytes of entries (UTF-8 of question and text) one scope keeps in this tier. */
  public long budgetBytes() {
    return budgetBytes;
  }

  /** Uses in this tier that promote an entry to the next; 0 for the top tier. */
  public int usesToPromote() {
    return usesToPromote;
  }

  /** The next tier up, or null for {@link #GLACIAL}. */
  public MemoryTier up() {
    return this == GLACIAL ? null : values()[ordinal() + 1];
  }

  /** The next tier down, or null for {@link #FAST}. */
  public MemoryTier down() {
    return this == FAST ? null : values()[ordinal() - 1];
  }

  /** The lower-case name used in the database and on the wire, e.g. "fast". */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The tier called {@code text} (case-insensitive). */
  public static MemoryTier parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown memory tier '" + text + "' (fast, medium, slow, glacial)");
    }
  }
}
