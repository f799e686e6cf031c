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
  void calibrationScalesTheWeightAsEvidenceGrows() {
    // a coin flip stated at 0.5 (Brier 0.25) is neutral however much evidence there is
    assertThat(RatedWeights.weightOf(standing(A, 1500, 200, 0.25), 1500)).isCloseTo(1.0, within(1e-12));
    // perfect calibration: 1.25 at ten predictions (half the evidence), 1.5 at fifty
    assertThat(RatedWeights.weightOf(standing(A, 1500, 10, 0.0), 1500)).isCloseTo(1.25, within(1e-12));
    assertThat(RatedWeights.weightOf(standing(A, 1500, 50, 0.0), 1500)).isCloseTo(1.5, within(1e-12));
    // badly calibrated: down to half a vote
    assertThat(RatedWeights.weightOf(standing(A, 1500, 50, 0.6), 1500)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void weightsAreLookedUpByAgentNameThroughIdentity() {
    Map<AgentIdentity, AgentStanding> known = Map.of(A, standing(A, 1650, 50, 0.1));
    RatedWeights weights = RatedWeights.of(Map.of("anthropic-api", A, "openai-api", B),
        agent -> Optional.ofNullable(known.get(agent)), 1500);

    assertThat(weights.weight("anthropic-api")).isCloseTo(1.1 * 1.3, within(1e-12));
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

  private static CalibrationSummary record(int n, double accuracy, double meanConfidence) {
    return new CalibrationSummary(n, 0.2, Calibration.score(n, 0.2), 0, accuracy, meanConfidence);
  }

  @Test
  void anOverconfidentRecordLowersReliabilityByItsOverconfidenceAsEvidenceGrows() {
    // says 0.9 on average, agreed with the decision 70% of the time: 0.2 overconfident
    assertThat(RatedWeights.reliabilityOf(record(50, 0.7, 0.9), 0.9)).isCloseTo(0.7, within(1e-12));
    assertThat(RatedWeights.reliabilityOf(record(10, 0.7, 0.9), 0.9)).isCloseTo(0.8, within(1e-12));
    assertThat(RatedWeights.reliabilityOf(record(9, 0.7, 0.9), 0.9)).isEqualTo(0.9);
    assertThat(RatedWeights.reliabilityOf(record(50, 0.1, 0.9), 0.5)).isZero();
  }

  @Test
  void aRecordNeverRaisesReliabilityBecauseAgreementOverstatesAccuracy() {
    assertThat(RatedWeights.reliabilityOf(record(500, 0.95, 0.6), 0.6)).isEqualTo(0.6);
    assertThat(RatedWeights.reliabilityOf(CalibrationSummary.NONE, 0.42)).isEqualTo(0.42);
  }

  @Test
  void reliabilityIsLookedUpByAgentNameLikeTheWeight() {
    Map<AgentIdentity, AgentStanding> known = Map.of(B, new AgentStanding(B, 1500, record(50, 0.6, 0.8)));
    var byName = RatedWeights.byAgentName(agent -> Optional.ofNullable(known.get(agent)), 1500);
    var byMap = RatedWeights.of(Map.of("openai-api", B), agent -> Optional.ofNullable(known.get(agent)), 1500);

    assertThat(byName.reliability("openai-api:gpt-4o#2", 0.8)).isCloseTo(0.6, within(1e-12));
    assertThat(byMap.reliability("openai-api", 0.8)).isCloseTo(0.6, within(1e-12));
    assertThat(byName.reliability("not a spec!", 0.8)).isEqualTo(0.8);
    assertThat(byMap.oneVoteEach().weight("openai-api")).isEqualTo(1.0);
    assertThat(byMap.oneVoteEach().reliability("openai-api", 0.8)).isCloseTo(0.6, within(1e-12));
  }
}
