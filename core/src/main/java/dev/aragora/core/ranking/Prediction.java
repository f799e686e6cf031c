package dev.aragora.core.ranking;

/**
 * One vote read as a forecast: the voter said it was {@code confidence} sure, and it turned out
 * {@code correct} or not (outcome 1 or 0; see {@link VotePredictions} for what "correct" means).
 */
public record Prediction(double confidence, boolean correct) {
  public Prediction {
    if (!(confidence >= 0 && confidence <= 1)) throw new IllegalArgumentException("confidence out of [0,1]: " + confidence);
  }

  public double outcome() {
    return correct ? 1 : 0;
  }
}
