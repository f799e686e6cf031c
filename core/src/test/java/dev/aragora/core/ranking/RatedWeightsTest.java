package dev.aragora.core.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aragora.core.agent.AgentIdentity;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RatedWeightsTest {
  private static final AgentIdentity A = AgentIdentity.parse("anthropic/claude-sonnet-4-5");
  private static final AgentIdentity B = AgentIdentity.parse("openai/gpt-4o");

  private static AgentStanding standing(AgentIdentity agent, double elo, int n, double brier) {
    return new AgentStanding(agent, elo, new CalibrationSummary(n, brier, Calibration.score(n, brier), 0));
  }

  @Test
  void unknownAgentsAndAgentsNotInTheDebateWeighOne() {
    RatedWeights weights = RatedWeights.of(Map.of("a", A), agent -> Optional.empty(), 1500);

    assertThat(weights.weight("a")).isEqualTo(1.0);
    assertThat(weights.weight("someone-else")).isEqualTo(1.0);
  }

  @Test
  void anAgentAtTheInitialRatingWithoutEnoughPredictionsIsNeutral() {
    assertThat(RatedWeights.weightOf(standing(A, 1500, 9, 0.0), 1500)).isEqualTo(1.0);
    assertThat(RatedWeights.weightOf(new AgentStanding(A, 1500, CalibrationSummary.NONE), 1500)).isEqualTo(1.0);
  }

  @Test
  void ratingScalesTheWeightWithinHalfAndDouble() {
    assertThat(RatedWeights.weightOf(standing(A, 1800, 0, 0), 1500)).isCloseTo(1.2, within(1e-12));
    assertThat(RatedWeights.weightOf(standing(A, 3500, 0, 0), 1500)).isEqualTo(2.0);
    assertThat(RatedWeights.weightOf(standing(A, 100, 0, 0), 1500)).isEqualTo(0.5);
  }

  @Test
  void calibrationDoesNotScaleTheWeightBecauseItAlreadySetsTheReliability() {
    assertThat(RatedWeights.weightOf(standing(A, 1500, 50, 0.0), 1500)).isEqualTo(1.0);
    assertThat(RatedWeights.weightOf(standing(A, 1800, 50, 0.6), 1500)).isCloseTo(1.2, within(1e-12));
  }

  @Test
  void weightsAreLookedUpByAgentNameThroughIdentity() {
    Map<AgentIdentity, AgentStanding> known = Map.of(A, standing(A, 1650, 50, 0.1));
    RatedWeights weights = RatedWeights.of(Map.of("anthropic-api", A, "openai-api", B),
        agent -> Optional.ofNullable(known.get(agent)), 1500);

    assertThat(weights.weight("anthropic-api")).isCloseTo(1.1, within(1e-12));
    assertThat(weights.weight("openai-api")).isEqualTo(1.0);
    assertThat(weights.asMap()).containsOnlyKeys("anthropic-api", "openai-api");
  }

  @Test
  void weightsByAgentNameServeEveryDebateThroughTheArenasSingleHook() {
    Map<AgentIdentity, AgentStanding> known = Map.of(B, standing(B, 1800, 0, 0));
    var weights = RatedWeights.byAgentName(agent -> Optional.ofNullable(known.get(agent)), 1500);

    assertThat(weights.weight("openai-api")).isCloseTo(1.2, within(1e-12));
    assertThat(weights.weight("openai-api:gpt-4o#2")).isCloseTo(1.2, within(1e-12));
    assertThat(weights.weight("openai-api:gpt-4o-mini")).isEqualTo(1.0);
    assertThat(weights.weight("not a spec!")).isEqualTo(1.0);
  }

  /**
   * A record whose bias accuracy − meanConfidence has standard error {@code se}: the Brier score is
   * the mean squared error, so brier = bias² + n · se².
   */
  private static CalibrationSummary record(int n, double accuracy, double meanConfidence, double se) {
    double bias = accuracy - meanConfidence;
    double brier = bias * bias + n * se * se;
    return new CalibrationSummary(n, brier, Calibration.score(n, brier), 0, accuracy, meanConfidence);
  }

  @Test
  void anOverconfidentRecordLowersReliabilityByItsOverconfidenceBeyondTwoStandardErrors() {
    // says 0.9 on average, right 70% of the time, ± 0.01: 0.2 overconfident, of which 0.18 is sure
    assertThat(RatedWeights.reliabilityOf(record(50, 0.7, 0.9, 0.01), 0.9)).isCloseTo(0.72, within(1e-12));
    // at ten predictions the record counts half
    assertThat(RatedWeights.reliabilityOf(record(10, 0.7, 0.9, 0.01), 0.9)).isCloseTo(0.81, within(1e-12));
    assertThat(RatedWeights.reliabilityOf(record(9, 0.7, 0.9, 0.01), 0.9)).isEqualTo(0.9);
    assertThat(RatedWeights.reliabilityOf(record(50, 0.1, 0.9, 0.01), 0.5)).isZero();
  }

  @Test
  void anUnderconfidentRecordRaisesReliability() {
    // says 0.6, right 90% of the time (outcomes are probabilities inferred from the other votes)
    assertThat(RatedWeights.reliabilityOf(record(500, 0.9, 0.6, 0.01), 0.6)).isCloseTo(0.88, within(1e-12));
    assertThat(RatedWeights.reliabilityOf(record(500, 0.9, 0.6, 0.01), 0.5)).isCloseTo(0.78, within(1e-12));
  }

  @Test
  void aGapWithinTheRecordsNoiseIsNoCorrection() {
    assertThat(RatedWeights.reliabilityOf(record(100, 0.62, 0.6, 0.015), 0.6)).isEqualTo(0.6);
    assertThat(RatedWeights.reliabilityOf(record(100, 0.55, 0.6, 0.03), 0.6)).isEqualTo(0.6);
    assertThat(RatedWeights.reliabilityOf(CalibrationSummary.NONE, 0.42)).isEqualTo(0.42);
  }

  @Test
  void anAgentThatStatesNoConfidenceIsAsAccurateAsItsCorrectedRecord() {
    // a judge: its mean stated confidence 0.9, corrected to 0.72, once its record counts fully
    assertThat(RatedWeights.accuracyOf(record(50, 0.7, 0.9, 0.01), 0.5)).isCloseTo(0.72, within(1e-12));
    // half its record and half the fallback at ten predictions
    assertThat(RatedWeights.accuracyOf(record(10, 0.7, 0.9, 0.01), 0.5)).isCloseTo(0.61, within(1e-12));
    assertThat(RatedWeights.accuracyOf(CalibrationSummary.NONE, 0.5)).isEqualTo(0.5);
  }

  @Test
  void reliabilityIsLookedUpByAgentNameLikeTheWeight() {
    Map<AgentIdentity, AgentStanding> known = Map.of(B, new AgentStanding(B, 1500, record(50, 0.6, 0.8, 0.01)));
    var byName = RatedWeights.byAgentName(agent -> Optional.ofNullable(known.get(agent)), 1500);
    var byMap = RatedWeights.of(Map.of("openai-api", B), agent -> Optional.ofNullable(known.get(agent)), 1500);

    assertThat(byName.reliability("openai-api:gpt-4o#2", 0.8)).isCloseTo(0.62, within(1e-12));
    assertThat(byMap.reliability("openai-api", 0.8)).isCloseTo(0.62, within(1e-12));
    assertThat(byName.reliability("not a spec!", 0.8)).isEqualTo(0.8);
    assertThat(byMap.oneVoteEach().weight("openai-api")).isEqualTo(1.0);
    assertThat(byMap.oneVoteEach().reliability("openai-api", 0.8)).isCloseTo(0.62, within(1e-12));
    assertThat(byName.accuracy("openai-api", 0.5)).isCloseTo(0.62, within(1e-12));
    assertThat(byMap.oneVoteEach().accuracy("openai-api", 0.5)).isCloseTo(0.62, within(1e-12));
    assertThat(byName.accuracy("not a spec!", 0.5)).isEqualTo(0.5);
  }
}
