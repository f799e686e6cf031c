package dev.aragora.core.ranking;

/**
 * How well an agent's stated confidence matched its outcomes.
 *
 * @param predictions how many predictions this is computed from
 * @param brier mean squared error of confidence against outcome: 0 is perfect, 0.25 is a coin
 *     flip stated at 0.5, 1 is sure and always wrong; 0 when there are no predictions
 * @param score the calibration score, 0 below {@link Calibration#MIN_PREDICTIONS} predictions
 * @param expectedCalibrationError ECE over ten equal-width confidence bins; 0 when empty
 * @param accuracy the share of predictions that came true; 0 when empty
 * @param meanConfidence the mean stated confidence; 0 when empty. {@code meanConfidence − accuracy}
 *     is how overconfident the agent is on average
 */
public record CalibrationSummary(int predictions, double brier, double score, double expectedCalibrationError,
                                 double accuracy, double meanConfidence) {
  public static final CalibrationSummary NONE = new CalibrationSummary(0, 0, 0, 0, 0, 0);

  /** A summary without accuracy and mean confidence (both 0, i.e. no measured bias). */
  public CalibrationSummary(int predictions, double brier, double score, double expectedCalibrationError) {
    this(predictions, brier, score, expectedCalibrationError, 0, 0);
  }

  /** Whether there are enough predictions for the score to mean anything. */
  public boolean qualified() {
    return predictions >= Calibration.MIN_PREDICTIONS;
  }
}
