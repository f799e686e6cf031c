package dev.aragora.core.memory;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** An entry found by a search, with how similar its question is to the query. */
public record Match(MemoryEntry entry, double similarity) {
  /** Most similar first; ties go to the newer entry, then by id, so results are stable. */
  private static final Comparator<Match> ORDER = Comparator.comparingDouble(Match::similarity).reversed()
      .thenComparing(m -> m.entry().createdAt(), Comparator.reverseOrder())
      .thenComparing(m -> m.entry().id());

  public Match {
    requireNonNull(entry, "entry is null");
  }

  /**
   * The {@code limit} entries of {@code candidates} most similar to {@code query}, each at least
   * {@code minSimilarity}, most similar first. Scores every candidate: linear in the scope's entries,
   * which the tiers' byte budgets keep to a few thousand.
   */
  public static List<Match> best(MemoryQuery query, Collection<MemoryEntry> candidates, int limit,
                                 double minSimilarity) {
    if (limit < 0) throw new IllegalArgumentException("limit < 0: " + limit);
    return candidates.stream()
        .map(e -> new Match(e, e.similarityTo(query)))
        .filter(m -> m.similarity() >= minSimilarity)
        .sorted(ORDER)
        .limit(limit)
        .toList();
  }
}
