package dev.aragora.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.bench.CalibrationSimulation.Decider;
import dev.aragora.bench.CalibrationSimulation.Figures;
import dev.aragora.bench.CalibrationSimulation.Scenario;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The calibration goals as a build check, on a smaller run of the simulation than the README's
 * (every scenario, a fixed seed other than the README's, 500 training debates and 8,000 test
 * questions each, ~15 s in all): the confidence every mode reports is calibrated (ECE ≤ 0.05) and
 * weighted consensus is at most one point below the Bayes-optimal vote.
 */
class CalibrationSimulationTest {
  private static final int TRAIN = 500;
  private static final int QUESTIONS = 8_000;

  static Stream<Scenario> scenarios() {
    return CalibrationSimulation.scenarios().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void reportedConfidenceIsCalibratedAndWeightedIsNearTheOptimum(Scenario scenario) {
    Map<Decider, Figures> figures = new CalibrationSimulation(scenario, 42).run(TRAIN, QUESTIONS);

    for (Decider mode : Decider.values()) {
      assertThat(figures.get(mode).ece()).as("ECE of %s", mode).isLessThanOrEqualTo(0.05);
    }
    assertThat(figures.get(Decider.WEIGHTED).gapToOptimum()).as("weighted − optimum").isGreaterThanOrEqualTo(-0.01);
  }
}
