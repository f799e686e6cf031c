package dev.aragora.core.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.Vote;
import dev.aragora.core.testing.SampleResults;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchOutcomeTest {
  private static final String A = "anthropic/claude-sonnet-4-5";
  private static final String B = "openai/gpt-4o";
  private static final String C = "demo/skeptic";

  @Test
  void aDecidedDebateIsAMatchBetweenItsIdentities() {
    var result = SampleResults.decided("d1", "majority", List.of(A, B, C), B, true, List.of());

    MatchOutcome match = MatchOutcome.of(result, "security").orElseThrow();

    assertThat(match.participants()).extracting(AgentIdentity::id).containsExactly(A, B, C);
    assertThat(match.winner()).isEqualTo(AgentIdentity.parse(B));
    assertThat(match.domain()).isEqualTo("security");
    assertThat(match.rated()).isTrue();
    assertThat(match.score(AgentIdentity.parse(B))).isEqualTo(1);
    assertThat(match.score(AgentIdentity.parse(A))).isEqualTo(0.5);
    assertThat(match.resultOf(AgentIdentity.parse(B))).isEqualTo(MatchResult.WIN);
    assertThat(match.resultOf(AgentIdentity.parse(C))).isEqualTo(MatchResult.DRAW);
  }

  @Test
  void withoutConsensusTheOthersScoreZeroAndLose() {
    var result = SampleResults.decided("d1", "supermajority", List.of(A, B, C), A, false, List.of());

    MatchOutcome match = MatchOutcome.of(result, null).orElseThrow();

    assertThat(match.domain()).isEqualTo(MatchOutcome.GENERAL);
    assertThat(match.score(AgentIdentity.parse(B))).isZero();
    assertThat(match.resultOf(AgentIdentity.parse(B))).isEqualTo(MatchResult.LOSS);
  }

  @Test
  void aDebateWithoutAWinnerIsAnUnratedMatch() {
    var result = SampleResults.decided("d1", "none", List.of(A, B), "", false, List.of());

    MatchOutcome match = MatchOutcome.of(result, "general").orElseThrow();

    assertThat(match.rated()).isFalse();
    assertThat(match.resultOf(AgentIdentity.parse(A))).isEqualTo(MatchResult.UNRATED);
  }

  @Test
  void failedCancelledAndSuspendedDebatesAreNoMatch() {
    var result = SampleResults.decided("d1", "majority", List.of(A, B), A, true, List.of(new Vote(B, A, 0.7, "", false)));

    for (DebateStatus status : List.of(DebateStatus.FAILED, DebateStatus.CANCELLED, DebateStatus.SUSPENDED))
      assertThat(MatchOutcome.of(SampleResults.withStatus(result, status), "general")).isEmpty();
  }

  @Test
  void agentsOfOneIdentityPlayAsOneParticipant() {
    var result = SampleResults.decided("d1", "majority", List.of("demo", "demo#2", A), "demo#2", true, List.of());
    MatchOutcome match = MatchOutcome.of(result, "general").orElseThrow();

    assertThat(match.participants()).containsExactly(new AgentIdentity("demo", "demo"), AgentIdentity.parse(A));
    assertThat(match.winner()).isEqualTo(new AgentIdentity("demo", "demo"));
  }
}
