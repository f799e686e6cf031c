package dev.aragora.core.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.Vote;
import dev.aragora.core.testing.SampleResults;
import java.util.List;
import org.junit.jupiter.api.Test;

class VotePredictionsTest {
  private static final String A = "anthropic/claude-sonnet-4-5";
  private static final String B = "openai/gpt-4o";
  private static final String C = "gemini/gemini-2.5-pro";

  @Test
  void aVoteForTheWinnerIsCorrectAndAnyOtherIsNot() {
    var result = SampleResults.decided("d1", "majority", List.of(A, B, C), A, true, List.of(
        new Vote(A, A, 0.9, "", false), new Vote(B, A, 0.6, "", false), new Vote(C, C, 0.8, "", false)));

    var predictions = VotePredictions.from(result);

    assertThat(predictions.get(AgentIdentity.parse(A))).containsExactly(new Prediction(0.9, true));
    assertThat(predictions.get(AgentIdentity.parse(B))).containsExactly(new Prediction(0.6, true));
    assertThat(predictions.get(AgentIdentity.parse(C))).containsExactly(new Prediction(0.8, false));
  }

  @Test
  void judgeVotesAreCorrectWhenTheyMatchWhetherTheSynthesisWasAccepted() {
    var accepted = SampleResults.decided("d1", "judge", List.of(A, B, C), A, true, List.of(
        new Vote(B, Vote.ACCEPT, 0.7, "", false), new Vote(C, Vote.REJECT, 0.6, "", false)));
    var rejected = SampleResults.decided("d2", "judge", List.of(A, B, C), "", false, List.of(
        new Vote(B, Vote.ACCEPT, 0.7, "", false), new Vote(C, Vote.REJECT, 0.6, "", false)));

    assertThat(VotePredictions.from(accepted).get(AgentIdentity.parse(B))).containsExactly(new Prediction(0.7, true));
    assertThat(VotePredictions.from(accepted).get(AgentIdentity.parse(C))).containsExactly(new Prediction(0.6, false));
    assertThat(VotePredictions.from(rejected).get(AgentIdentity.parse(B))).containsExactly(new Prediction(0.7, false));
    assertThat(VotePredictions.from(rejected).get(AgentIdentity.parse(C))).containsExactly(new Prediction(0.6, true));
  }

  @Test
  void votesOfADebateWithoutWinnerOrThatFailedAreNoPredictions() {
    List<Vote> votes = List.of(new Vote(A, B, 0.7, "", false));
    var noWinner = SampleResults.decided("d1", "majority", List.of(A, B), "", false, votes);
    var failed = SampleResults.withStatus(SampleResults.decided("d2", "majority", List.of(A, B), B, true, votes),
        DebateStatus.FAILED);

    assertThat(VotePredictions.from(noWinner)).isEmpty();
    assertThat(VotePredictions.from(failed)).isEmpty();
  }
}
