package dev.aragora.core.convergence;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How alike two answers are, from 0 (unrelated) to 1 (the same). Implementations are thread-safe.
 *
 * <p>Get one from {@link Similarity}. A lambda is enough for tests and custom backends.
 */
@FunctionalInterface
public interface SimilarityScorer {

  /** Returns a score in [0, 1]; 1 for identical texts. */
  double similarity(String a, String b);

  /**
   * Called when a debate starts: a backend with a model to load starts loading it now, in the
   * background, so that it is ready by the first convergence check. Loading at first use rather
   * than when the server starts keeps starts fast, and keeps a stop during start-up from landing
   * in onnxruntime's session creation (a SIGTERM there has crashed the JVM in native code).
   */
  default void prepare() {}

  /** The backend's name, reported in {@link ConvergenceResult#method()}, e.g. "embedding". */
  default String method() {
    return "custom";
  }

  /**
   * Scores the pairs {@code (first[i], second[i])}. Backends that embed texts override this to
   * embed, in one batch, only the texts they have not seen recently, so that a convergence check
   * over N agents costs N new embeddings: last round's answers are already cached.
   */
  default double[] similarities(List<String> first, List<String> second) {
    requireNonNull(first, "first is null");
    requireNonNull(second, "second is null");
    if (first.size() != second.size())
      throw new IllegalArgumentException("sizes differ: " + first.size() + " vs " + second.size());
    double[] scores = new double[first.size()];
    for (int i = 0; i < scores.length; i++) scores[i] = similarity(first.get(i), second.get(i));
    return scores;
  }
}
