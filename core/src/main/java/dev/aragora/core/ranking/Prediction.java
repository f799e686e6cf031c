package dev.aragora.core.ranking;

/**
 * One vote read as a forecast: the voter said it was {@code confidence} sure, and {@code outcome}
 * is how likely the vote turned out right, in [0, 1] — 1 or 0 when that is known, a probability
 * when it is inferred from the other votes (see {@link VotePredictions}).
 */
public record Prediction(double confidence, double outcome) {
  public Prediction {
    if (!(confidence >= 0 && confidence <= 1)) throw new IllegalArgumentException("confidence out of [0,1]: " + confidence);
    if (!(outcome >= 0 && outcome <= 1)) throw new IllegalArgumentException("outcome out of [0,1]: " + outcome);
  }

  /** A forecast whose outcome is known: right (1) or wrong (0). */
  public Prediction(double confidence, boolean correct) {
    this(confidence, correct ? 1.0 : 0.0);
  }
}
