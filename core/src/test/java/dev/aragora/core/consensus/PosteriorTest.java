package dev.aragora.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PosteriorTest {
  @Test
  void evidenceIsTheLogLikelihoodRatioOfAVote() {
    // two options: the log-odds of r
    assertThat(Posterior.evidence(0.9, 2)).isCloseTo(Math.log(9), within(1e-12));
    // three options: a wrong vote picks one of two wrong ones, so a right-looking vote counts more
    assertThat(Posterior.evidence(0.6, 3)).isCloseTo(Math.log(3), within(1e-12));
  }

  @Test
  void votesAtOrBelowChanceAreNoEvidenceAndNoVoteIsCertainty() {
    assertThat(Posterior.evidence(0.5, 2)).isZero();
    assertThat(Posterior.evidence(0.2, 3)).isZero();
    assertThat(Posterior.evidence(1.0, 2)).isCloseTo(Math.log(99), within(1e-12));
    assertThat(Posterior.evidence(0.9, 1)).isZero();
  }

  @Test
  void posteriorIsTheSoftmaxOfEvidenceOverEveryOption() {
    double e = Math.log(3);
    // three of five votes at 0.6 among three options, the other two split: 27 / (27 + 3 + 3)
    assertThat(Posterior.of("a", Map.of("a", 3 * e, "b", e, "c", e), 3)).isCloseTo(27.0 / 33, within(1e-12));
    // an option nobody voted for still has its prior share: 3 / (3 + 1 + 1)
    assertThat(Posterior.of("a", Map.of("a", e), 3)).isCloseTo(0.6, within(1e-12));
    assertThat(Posterior.of("a", Map.of(), 4)).isCloseTo(0.25, within(1e-12));
    assertThat(Posterior.of("a", Map.of(), 1)).isEqualTo(1.0);
  }

  @Test
  void posteriorIsStableForHugeEvidence() {
    assertThat(Posterior.of("a", Map.of("a", 5000.0, "b", 10.0), 2)).isEqualTo(1.0);
    assertThat(Posterior.of("b", Map.of("a", 5000.0, "b", 10.0), 2)).isZero();
  }

  @Test
  void oneVoteAloneReportsItsOwnReliability() {
    for (double r : new double[] {0.4, 0.55, 0.7, 0.9}) {
      for (int k = 2; k <= 5; k++) {
        double expected = Math.max(r, 1.0 / k);
        assertThat(Posterior.of("a", Map.of("a", Posterior.evidence(r, k)), k)).isCloseTo(expected, within(1e-12));
      }
    }
  }
}
