package dev.aragora.core.ranking;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Calibration math over predictions (confidence c, outcome o ∈ {0, 1}):
 * <ul>
 *   <li>Brier score = mean (c − o)²;
 *   <li>calibration score = (1 − brier) · min(1, 0.5 + 0.5 · (n − 10) / 40), and 0 when n &lt; 10: it
 *       needs ten predictions to count at all, and full weight comes at fifty;
 *   <li>expected calibration error with ten equal-width bins [0, 0.1) … [0.9, 1.0] (1.0 falls in
 *       the last) = Σ_b (n_b / n) · |accuracy_b − mean confidence_b|.
 * </ul>
 */
public final class Calibration {
  public static final int MIN_PREDICTIONS = 10;
  /** Predictions at which the score reaches full weight. */
  public static final int FULL_WEIGHT_PREDICTIONS = 50;
  public static final int BINS = 10;

  private Calibration() {}

  public static CalibrationSummary of(List<Prediction> predictions) {
    requireNonNull(predictions, "predictions is null");
    if (predictions.isEmpty()) return CalibrationSummary.NONE;
    double brier = brier(predictions);
    double correct = 0, confidence = 0;
    for (Prediction p : predictions) {
      correct += p.outcome();
      confidence += p.confidence();
    }
    return new CalibrationSummary(predictions.size(), brier, score(predictions.size(), brier),
        expectedCalibrationError(predictions), correct / predictions.size(), confidence / predictions.size());
  }

  /** Mean (confidence − outcome)²; 0 for no predictions. */
  public static double brier(List<Prediction> predictions) {
    if (predictions.isEmpty()) return 0;
    double sum = 0;
    for (Prediction p : predictions) {
      double error = p.confidence() - p.outcome();
      sum += error * error;
    }
    return sum / predictions.size();
  }

  /** (1 − brier) scaled by how much evidence there is; 0 below {@link #MIN_PREDICTIONS}. */
  public static double score(int predictions, double brier) {
    if (predictions < MIN_PREDICTIONS) return 0;
    return (1 - brier) * evidence(predictions);
  }

  /**
   * How much n predictions count: 0 below ten, 0.5 at ten, rising linearly to 1 at fifty:
   * min(1, 0.5 + 0.5 · (n − 10) / 40).
   */
  public static double evidence(int predictions) {
    if (predictions < MIN_PREDICTIONS) return 0;
    return Math.min(1, 0.5 + 0.5 * (predictions - MIN_PREDICTIONS)
        / (double) (FULL_WEIGHT_PREDICTIONS - MIN_PREDICTIONS));
  }

  /** Σ_b (n_b / n) · |accuracy_b − mean confidence_b| over ten equal-width bins; 0 for none. */
  public static double expectedCalibrationError(List<Prediction> predictions) {
    if (predictions.isEmpty()) return 0;
    int[] count = new int[BINS];
    double[] confidence = new double[BINS];
    double[] correct = new double[BINS];
    for (Prediction p : predictions) {
      int bin = bin(p.confidence());
      count[bin]++;
      confidence[bin] += p.confidence();
      correct[bin] += p.outcome();
    }
    double ece = 0;
    for (int b = 0; b < BINS; b++) {
      if (count[b] == 0) continue;
      ece += Math.abs(correct[b] / count[b] - confidence[b] / count[b]) * count[b] / predictions.size();
    }
    return ece;
  }

  /** The bin of a confidence: [b/10, (b+1)/10), with 1.0 in the last bin. */
  static int bin(double confidence) {
    return Math.min(BINS - 1, (int) Math.floor(confidence * BINS));
  }
}
