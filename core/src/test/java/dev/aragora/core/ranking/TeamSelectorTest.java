package dev.aragora.core.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.agent.AgentSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TeamSelectorTest {
  private static final List<AgentSpec> CANDIDATES = AgentSpec.parseList(
      "anthropic-api,openai-api,gemini,grok,demo:skeptic,demo:optimist");

  private static Optional<AgentStanding> known(AgentIdentity agent, Map<String, AgentStanding> byId) {
    return Optional.ofNullable(byId.get(agent.id()));
  }

  private static AgentStanding standing(String id, double elo, int n, double brier) {
    return new AgentStanding(AgentIdentity.parse(id), elo, new CalibrationSummary(n, brier, Calibration.score(n, brier), 0));
  }

  @Test
  void picksTheBestRatedAndCalibratedAvailableAgents() {
    Map<String, AgentStanding> byId = Map.of(
        "openai/gpt-4o", standing("openai/gpt-4o", 1620, 60, 0.12),
        "gemini/gemini-2.5-pro", standing("gemini/gemini-2.5-pro", 1580, 60, 0.30),
        "xai/grok-4", standing("xai/grok-4", 1400, 60, 0.10),
        "anthropic/claude-sonnet-4-5", standing("anthropic/claude-sonnet-4-5", 1700, 60, 0.10));

    List<AgentSpec> team = TeamSelector.select(CANDIDATES, 3, a -> known(a, byId), spec -> true, 1500);

    // weights: anthropic 1.133·1.3, openai 1.08·1.26, grok 0.933·1.3 = 1.21, demo (unknown) 1, gemini 1.053·0.9
    assertThat(team).extracting(AgentSpec::name).containsExactly("anthropic-api", "openai-api", "grok");
  }

  @Test
  void skipsAgentsThatCannotRun() {
    Map<String, AgentStanding> byId = Map.of(
        "anthropic/claude-sonnet-4-5", standing("anthropic/claude-sonnet-4-5", 1700, 60, 0.10));

    List<AgentSpec> team = TeamSelector.select(CANDIDATES, 2, a -> known(a, byId),
        spec -> !spec.type().equals("anthropic-api"), 1500);

    assertThat(team).extracting(AgentSpec::name).doesNotContain("anthropic-api").hasSize(2);
  }

  @Test
  void tiesKeepTheCandidateOrderAndTheResultIsDeterministic() {
    List<AgentSpec> first = TeamSelector.select(CANDIDATES, 4, a -> Optional.empty(), spec -> true, 1500);
    List<AgentSpec> again = TeamSelector.select(CANDIDATES, 4, a -> Optional.empty(), spec -> true, 1500);

    assertThat(first).extracting(AgentSpec::name).containsExactly("anthropic-api", "openai-api", "gemini", "grok");
    assertThat(again).isEqualTo(first);
  }

  @Test
  void equalWeightsAreOrderedByRatingThenCalibration() {
    // 1650 with neutral calibration vs 1500 with calibration factor 1.1: weights 1.1 and 1.1
    Map<String, AgentStanding> byId = Map.of(
        "openai/gpt-4o", standing("openai/gpt-4o", 1500, 50, 0.2),
        "gemini/gemini-2.5-pro", standing("gemini/gemini-2.5-pro", 1650, 0, 0));

    List<AgentSpec> team = TeamSelector.select(CANDIDATES, 2, a -> known(a, byId), spec -> true, 1500);

    assertThat(team).extracting(AgentSpec::name).containsExactly("gemini", "openai-api");
  }

  @Test
  void anIdentityIsPickedOnceAndFewerAreReturnedWhenFewAreAvailable() {
    List<AgentSpec> twins = AgentSpec.parseList("demo:a,demo:a,openai-api");

    List<AgentSpec> team = TeamSelector.select(twins, 3, a -> Optional.empty(), spec -> true, 1500);

    assertThat(team).extracting(AgentSpec::name).containsExactly("demo:a", "openai-api");
  }

  @Test
  void rejectsAnEmptyTeam() {
    assertThatThrownBy(() -> TeamSelector.select(CANDIDATES, 0, a -> Optional.empty(), s -> true, 1500))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
