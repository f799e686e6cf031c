package dev.aragora.core.memory;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Where memory entries live. The store applies {@link TierPolicy} with its own clock: it never
 * returns an entry that has expired out of memory, and keeps each scope's tiers within budget.
 */
public interface MemoryStore {
  /** Stores a new entry (in the tier its placement says, normally FAST), then fits the scope's budgets. */
  void put(MemoryEntry entry);

  /**
   * The {@code limit} live entries of {@code scope} of the given {@code kinds} most similar to
   * {@code query} (at least {@code minSimilarity}), most similar first, each at its current tier.
   * Searching is not a use.
   */
  List<Match> search(String scope, MemoryQuery query, Set<MemoryKind> kinds, int limit, double minSimilarity);

  /** Records one use of each entry (recalled into a debate): renews or promotes it. Unknown ids are ignored. */
  void markUsed(Collection<String> ids);

  /** Applies every expiry reached by now (demote or drop) and fits budgets; returns how many entries changed. */
  int sweep();
}
