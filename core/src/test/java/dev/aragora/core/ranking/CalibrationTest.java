package dev.aragora.core.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  @Test
  void brierIsTheMeanSquaredErrorOfConfidenceAgainstOutcome() {
    List<Prediction> predictions = List.of(new Prediction(0.9, true), new Prediction(0.8, false),
        new Prediction(0.6, true), new Prediction(0.3, false));

    // (0.1² + 0.8² + 0.4² + 0.3²) / 4 = (0.01 + 0.64 + 0.16 + 0.09) / 4
    assertThat(Calibration.brier(predictions)).isCloseTo(0.225, within(1e-12));
  }

  @Test
  void summaryCarriesAccuracyAndMeanConfidence() {
    var summary = Calibration.of(List.of(new Prediction(0.9, true), new Prediction(0.9, false),
        new Prediction(0.6, true), new Prediction(0.8, true)));

    assertThat(summary.accuracy()).isCloseTo(0.75, within(1e-12));
    assertThat(summary.meanConfidence()).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void anOutcomeMayBeAProbabilityThatTheVoteWasRight() {
    var summary = Calibration.of(List.of(new Prediction(0.9, 0.8), new Prediction(0.6, 0.2)));

    assertThat(summary.accuracy()).isCloseTo(0.5, within(1e-12));
    // ((0.9 − 0.8)² + (0.6 − 0.2)²) / 2
    assertThat(summary.brier()).isCloseTo(0.085, within(1e-12));
    assertThat(new Prediction(0.5, true).outcome()).isEqualTo(1.0);
    assertThatThrownBy(() -> new Prediction(0.5, 1.2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scoreIsZeroBelowTenPredictions() {
    List<Prediction> nine = Collections.nCopies(9, new Prediction(1.0, true));

    CalibrationSummary summary = Calibration.of(nine);

    assertThat(summary.brier()).isZero();
    assertThat(summary.score()).isZero();
    assertThat(summary.qualified()).isFalse();
  }

  @Test
  void scoreRampsFromHalfWeightAtTenToFullWeightAtFifty() {
    assertThat(Calibration.score(10, 0.2)).isCloseTo(0.8 * 0.5, within(1e-12));
    assertThat(Calibration.score(30, 0.2)).isCloseTo(0.8 * 0.75, within(1e-12));
    assertThat(Calibration.score(50, 0.2)).isCloseTo(0.8, within(1e-12));
    assertThat(Calibration.score(500, 0.2)).isCloseTo(0.8, within(1e-12));
    assertThat(Calibration.of(Collections.nCopies(10, new Prediction(0.5, true))).score())
        .isCloseTo((1 - 0.25) * 0.5, within(1e-12));
  }

  @Test
  void eceOfPerfectlyCalibratedBinsIsZero() {
    List<Prediction> predictions = new ArrayList<>();
    // 0.8 sure and right 8 times in 10; 0.3 sure and right 3 times in 10
    for (int i = 0; i < 10; i++) predictions.add(new Prediction(0.8, i < 8));
    for (int i = 0; i < 10; i++) predictions.add(new Prediction(0.3, i < 3));

    assertThat(Calibration.expectedCalibrationError(predictions)).isCloseTo(0, within(1e-12));
  }

  @Test
  void eceWeighsEachBinsGapByItsShare() {
    List<Prediction> predictions = new ArrayList<>();
    // bin [0.9,1.0]: 6 predictions at 0.95, 3 right → gap 0.45, weight 6/10
    for (int i = 0; i < 6; i++) predictions.add(new Prediction(0.95, i < 3));
    // bin [0.2,0.3): 4 predictions at 0.2, all right → gap 0.8, weight 4/10
    for (int i = 0; i < 4; i++) predictions.add(new Prediction(0.2, true));

    assertThat(Calibration.expectedCalibrationError(predictions)).isCloseTo(0.6 * 0.45 + 0.4 * 0.8, within(1e-12));
  }

  @Test
  void fullConfidenceFallsInTheLastBin() {
    assertThat(Calibration.bin(1.0)).isEqualTo(9);
    assertThat(Calibration.bin(0.9)).isEqualTo(9);
    assertThat(Calibration.bin(0.0)).isEqualTo(0);
    assertThat(Calibration.bin(0.15)).isEqualTo(1);
    List<Prediction> mixed = List.of(new Prediction(1.0, true), new Prediction(0.9, false));
    // one bin, mean confidence 0.95, accuracy 0.5
    assertThat(Calibration.expectedCalibrationError(mixed)).isCloseTo(0.45, within(1e-12));
  }

  @Test
  void noPredictionsSummariseAsNone() {
    assertThat(Calibration.of(List.of())).isEqualTo(CalibrationSummary.NONE);
  }
}
