package dev.aragora.core.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aragora.core.agent.AgentIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EloTest {
  private static final AgentIdentity A = AgentIdentity.parse("anthropic/claude-sonnet-4-5");
  private static final AgentIdentity B = AgentIdentity.parse("openai/gpt-4o");
  private static final AgentIdentity C = AgentIdentity.parse("gemini/gemini-2.5-pro");
  private static final AgentIdentity D = AgentIdentity.parse("xai/grok-4");
  private static final AgentIdentity E = AgentIdentity.parse("mistral/mistral-large-latest");
  private final Elo elo = Elo.standard();

  @Test
  void startsAt1500WithKFactor32() {
    assertThat(elo.initial()).isEqualTo(1500);
    assertThat(elo.k()).isEqualTo(32);
  }

  @Test
  void expectedScoreFollowsTheLogisticFormula() {
    assertThat(Elo.expected(1500, 1500)).isEqualTo(0.5);
    assertThat(Elo.expected(1600, 1500)).isCloseTo(0.6400649998, within(1e-9));
    assertThat(Elo.expected(1500, 1600)).isCloseTo(0.3599350002, within(1e-9));
    assertThat(Elo.expected(1500, 1900)).isCloseTo(1 / 11.0, within(1e-12));
    assertThat(Elo.expected(1723, 1481) + Elo.expected(1481, 1723)).isCloseTo(1, within(1e-12));
  }

  @Test
  void actualScoreIsTheShareOfThePairsScoreAndHalfWhenNeitherScored() {
    assertThat(Elo.actual(1, 0.5)).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(Elo.actual(1, 0)).isEqualTo(1);
    assertThat(Elo.actual(0.5, 0.5)).isEqualTo(0.5);
    assertThat(Elo.actual(0, 0)).isEqualTo(0.5);
  }

  @Test
  void twoAgentsWithConsensusMoveByKTimesOneSixth() {
    var match = new MatchOutcome("d1", "general", List.of(A, B), A, true);

    Map<AgentIdentity, Double> changes = elo.changes(match, agent -> 1500);

    assertThat(changes.get(A)).isCloseTo(32 * (2 / 3.0 - 0.5), within(1e-9));
    assertThat(changes.get(B)).isCloseTo(-32 * (2 / 3.0 - 0.5), within(1e-9));
  }

  @Test
  void twoAgentsWithoutConsensusMoveByHalfK() {
    var match = new MatchOutcome("d1", "general", List.of(A, B), A, false);

    Map<AgentIdentity, Double> changes = elo.changes(match, agent -> 1500);

    assertThat(changes.get(A)).isCloseTo(16, within(1e-9));
    assertThat(changes.get(B)).isCloseTo(-16, within(1e-9));
  }

  @Test
  void anUpsetMovesMoreThanAnExpectedWin() {
    Map<AgentIdentity, Double> ratings = Map.of(A, 1700.0, B, 1500.0);
    double expectedWin = elo.changes(new MatchOutcome("d1", "", List.of(A, B), A, false), ratings::get).get(A);
    double upset = elo.changes(new MatchOutcome("d2", "", List.of(A, B), B, false), ratings::get).get(B);

    assertThat(expectedWin).isCloseTo(32 * (1 - Elo.expected(1700, 1500)), within(1e-9));
    assertThat(upset).isCloseTo(32 * (1 - Elo.expected(1500, 1700)), within(1e-9));
    assertThat(upset).isGreaterThan(expectedWin);
  }

  @Test
  void fiveAgentsWithoutConsensusEveryPairScoredAndZeroSum() {
    var match = new MatchOutcome("d1", "general", List.of(A, B, C, D, E), C, false);

    Map<AgentIdentity, Double> changes = elo.changes(match, agent -> 1500);

    // the winner beats four; each loser loses to the winner and draws 0–0 with the other losers
    assertThat(changes.get(C)).isCloseTo(4 * 16, within(1e-9));
    for (AgentIdentity loser : List.of(A, B, D, E)) assertThat(changes.get(loser)).isCloseTo(-16, within(1e-9));
    assertThat(changes.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(0, within(1e-9));
  }

  @Test
  void fiveAgentsWithConsensusAtUnequalRatingsStayZeroSum() {
    Map<AgentIdentity, Double> ratings = Map.of(A, 1620.0, B, 1480.0, C, 1390.0, D, 1555.0, E, 1500.0);
    var match = new MatchOutcome("d1", "general", List.of(A, B, C, D, E), B, true);

    Map<AgentIdentity, Double> changes = elo.changes(match, ratings::get);

    double expectedB = 0;
    for (AgentIdentity other : List.of(A, C, D, E)) expectedB += 32 * (2 / 3.0 - Elo.expected(1480, ratings.get(other)));
    assertThat(changes.get(B)).isCloseTo(expectedB, within(1e-9));
    // two non-winners with consensus score 0.5 each: actual 0.5, so only the rating gap moves them
    assertThat(changes.get(A)).isCloseTo(
        32 * (1 / 3.0 - Elo.expected(1620, 1480)) + 32 * (0.5 - Elo.expected(1620, 1390))
            + 32 * (0.5 - Elo.expected(1620, 1555)) + 32 * (0.5 - Elo.expected(1620, 1500)), within(1e-9));
    assertThat(changes.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(0, within(1e-9));
  }

  @Test
  void aMatchWithoutAWinnerChangesNoRating() {
    var match = new MatchOutcome("d1", "general", List.of(A, B, C), null, false);

    assertThat(match.rated()).isFalse();
    assertThat(elo.changes(match, agent -> 1500)).isEmpty();
  }

  @Test
  void rejectsNonPositiveSettings() {
    assertThatThrownBy(() -> new Elo(0, 32)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Elo(1500, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
