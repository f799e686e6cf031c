package dev.aragora.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.bench.CalibrationSimulation.Decider;
import dev.aragora.bench.CalibrationSimulation.Figures;
import dev.aragora.bench.CalibrationSimulation.Scenario;
import dev.aragora.bench.CalibrationSimulation.Style;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The calibration goals as a build check, on a smaller run of the simulation than the README's
 * (fixed seeds, 8,000 test questions per scenario, ~1 s): the confidence the production consensus
 * reports is calibrated (ECE ≤ 0.05) and weighted consensus is within one point of the
 * Bayes-optimal vote, for independent agents — honest, and with three of five overconfident.
 */
class CalibrationSimulationTest {
  private static final int TRAIN = 400;
  private static final int QUESTIONS = 8_000;
  private static final double[] ACCURACY = {0.55, 0.65, 0.75, 0.85, 0.9};

  private static Map<Decider, Figures> run(Style... styles) {
    return new CalibrationSimulation(new Scenario("guard", 3, ACCURACY, styles, 0), 42).run(TRAIN, QUESTIONS);
  }

  @Test
  void reportedConfidenceIsCalibratedAndWeightedIsNearTheOptimumForHonestIndependentAgents() {
    Style h = Style.HONEST;
    assertGoals(run(h, h, h, h, h));
  }

  @Test
  void theTrackRecordCorrectsOverconfidentAgents() {
    Style h = Style.HONEST, o = Style.OVER;
    assertGoals(run(o, h, o, h, o));
  }

  private static void assertGoals(Map<Decider, Figures> figures) {
    for (Decider mode : new Decider[] {Decider.MAJORITY, Decider.WEIGHTED, Decider.SUPERMAJORITY, Decider.UNANIMOUS}) {
      assertThat(figures.get(mode).ece()).as("ECE of %s", mode).isLessThanOrEqualTo(0.05);
    }
    assertThat(figures.get(Decider.WEIGHTED).gapToOptimum()).as("weighted − optimum").isGreaterThanOrEqualTo(-0.01);
  }
}
