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
}
