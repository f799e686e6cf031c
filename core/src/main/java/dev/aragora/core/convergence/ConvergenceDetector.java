package dev.aragora.core.convergence;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a debate has converged by comparing each agent's answer with <em>its own</em>
 * previous-round answer (never with other agents' answers). The lowest of these similarities
 * decides: at or above {@link ConvergenceThresholds#converged()} the debate has converged, below
 * {@link ConvergenceThresholds#diverging()} it is diverging, otherwise it is refining.
 *
 * <p>Thread-safe if its {@link SimilarityScorer} is.
 */
public final class ConvergenceDetector {
  private final SimilarityScorer scorer;
  private final ConvergenceThresholds thresholds;

  public ConvergenceDetector(SimilarityScorer scorer, ConvergenceThresholds thresholds) {
    this.scorer = requireNonNull(scorer, "scorer is null");
    this.thresholds = requireNonNull(thresholds, "thresholds is null");
  }

  /** Uses {@link ConvergenceThresholds#DEFAULTS}. */
  public ConvergenceDetector(SimilarityScorer scorer) {
    this(scorer, ConvergenceThresholds.DEFAULTS);
  }

  /**
   * Compares {@code current.get(agent)} with {@code previous.get(agent)} for every agent in
   * {@code current}, in its iteration order. Agents missing from either map (or mapped to null)
   * are skipped. When no agent can be compared (e.g. the first round) the result is
   * {@value ConvergenceResult#REFINING} with similarity 0 and no per-agent scores: there is no
   * evidence either way, and "refining" neither stops the debate nor flags it.
   */
  public ConvergenceResult check(Map<String, String> previous, Map<String, String> current) {
    requireNonNull(previous, "previous is null");
    requireNonNull(current, "current is null");
    List<String> agents = new ArrayList<>(current.size());
    List<String> before = new ArrayList<>(current.size());
    List<String> now = new ArrayList<>(current.size());
    current.forEach((agent, answer) -> {
      String earlier = agent == null ? null : previous.get(agent);
      if (answer != null && earlier != null) {
        agents.add(agent);
        before.add(earlier);
        now.add(answer);
      }
    });
    if (agents.isEmpty())
      return new ConvergenceResult(ConvergenceResult.REFINING, 0.0, Map.of(), scorer.method());

    double[] scores = scorer.similarities(before, now);
    Map<String, Double> perAgent = new LinkedHashMap<>();
    double min = 1.0;
    for (int i = 0; i < scores.length; i++) {
      double score = clamp(scores[i]);
      perAgent.put(agents.get(i), score);
      min = Math.min(min, score);
    }
    return new ConvergenceResult(status(min), min, perAgent, scorer.method());
  }

  String status(double minSimilarity) {
    if (minSimilarity >= thresholds.converged()) return ConvergenceResult.CONVERGED;
    if (minSimilarity < thresholds.diverging()) return ConvergenceResult.DIVERGING;
    return ConvergenceResult.REFINING;
  }

  /** Guards against scorers that stray outside [0, 1] by rounding error (or return NaN). */
  private static double clamp(double score) {
    return Double.isNaN(score) ? 0.0 : Math.clamp(score, 0.0, 1.0);
  }
}
