package dev.aragora.core.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConvergenceThresholdsTest {

  @Test
  void defaultsAreAragorasThresholds() {
    assertThat(ConvergenceThresholds.DEFAULTS).isEqualTo(new ConvergenceThresholds(0.85, 0.40));
  }

  @Test
  void divergingMustNotExceedConverged() {
    assertThatThrownBy(() -> new ConvergenceThresholds(0.5, 0.6))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thresholdsMustLieWithinZeroAndOne() {
    assertThatThrownBy(() -> new ConvergenceThresholds(1.1, 0.4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConvergenceThresholds(0.85, -0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConvergenceThresholds(Double.NaN, 0.4))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
