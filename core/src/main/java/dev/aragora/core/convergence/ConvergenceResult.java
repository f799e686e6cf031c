package dev.aragora.core.convergence;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.debate.Ordered;
import java.util.Map;
import java.util.Set;

/**
 * One convergence check.
 *
 * @param status {@value #CONVERGED}, {@value #REFINING} or {@value #DIVERGING}
 * @param minSimilarity the lowest per-agent similarity, the one that decides the status; 0 when
 *     no agent could be compared
 * @param perAgent each compared agent's similarity to its own previous answer, in the order the
 *     current answers were given
 * @param method the similarity backend that produced the scores, e.g. "embedding" or "tfidf"
 */
public record ConvergenceResult(
    String status, double minSimilarity, Map<String, Double> perAgent, String method) {
  public static final String CONVERGED = "converged";
  public static final String REFINING = "refining";
  public static final String DIVERGING = "diverging";
  private static final Set<String> STATUSES = Set.of(CONVERGED, REFINING, DIVERGING);

  public ConvergenceResult {
    requireNonNull(status, "status is null");
    if (!STATUSES.contains(status)) throw new IllegalArgumentException("unknown status: " + status);
    if (!(minSimilarity >= 0 && minSimilarity <= 1))
      throw new IllegalArgumentException("minSimilarity not in [0, 1]: " + minSimilarity);
    perAgent = Ordered.copyOf(requireNonNull(perAgent, "perAgent is null"));
    requireNonNull(method, "method is null");
  }

  public boolean converged() {
    return CONVERGED.equals(status);
  }
}
