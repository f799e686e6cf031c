package dev.aragora.core.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.Vote;
import dev.aragora.core.testing.SampleResults;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class VotePredictionsTest {
  private static final String A = "anthropic/claude-sonnet-4-5";
  private static final String B = "openai/gpt-4o";
  private static final String C = "gemini/gemini-2.5-pro";

  private static double outcome(java.util.Map<AgentIdentity, List<Prediction>> predictions, String agent) {
    return predictions.get(AgentIdentity.parse(agent)).getFirst().outcome();
  }

  @Test
  void aVoteScoresTheProbabilityThatTheOptionItChoseIsRight() {
    var result = SampleResults.decided("d1", "majority", List.of(A, B, C), A, true, List.of(
        new Vote(A, A, 0.9, "", false), new Vote(B, A, 0.6, "", false), new Vote(C, C, 0.8, "", false)));

    var predictions = VotePredictions.from(result);

    // three positions: evidence ln 18 + ln 3 for A, ln 8 for C, none for B: 54 : 1 : 8
    assertThat(predictions.get(AgentIdentity.parse(A))).singleElement()
        .satisfies(p -> assertThat(p.confidence()).isEqualTo(0.9));
    assertThat(outcome(predictions, A)).isCloseTo(54.0 / 63, within(1e-12));
    assertThat(outcome(predictions, B)).isCloseTo(54.0 / 63, within(1e-12));
    assertThat(outcome(predictions, C)).isCloseTo(8.0 / 63, within(1e-12));
  }

  @Test
  void votesAreWeighedWithTheReliabilitiesKnownWhenTheDebateIsRecorded() {
    var result = SampleResults.decided("d1", "majority", List.of(A, B, C), A, true, List.of(
        new Vote(A, A, 0.6, "", false), new Vote(C, C, 0.6, "", false)));
    // C says 0.6 but has been right 90% of the time: its 0.6 is read as 0.9
    var cIsOftenRight = new CalibrationSummary(500, 0.09, 0.91, 0, 0.9, 0.6);
    Function<AgentIdentity, CalibrationSummary> records =
        agent -> agent.equals(AgentIdentity.parse(C)) ? cIsOftenRight : CalibrationSummary.NONE;

    // taken at their word the two votes cancel out; by C's record its vote is worth ln 18, A's ln 3
    assertThat(outcome(VotePredictions.from(result), C)).isCloseTo(3.0 / 7, within(1e-12));
    assertThat(outcome(VotePredictions.from(result, records), C)).isCloseTo(18.0 / 22, within(1e-12));
    assertThat(outcome(VotePredictions.from(result, records), A)).isCloseTo(3.0 / 22, within(1e-12));
  }

  @Test
  void judgeVotesScoreTheDebatesConfidenceThatTheSynthesisIsRight() {
    // SampleResults reports confidence 0.72 whether or not the synthesis was accepted
    var accepted = SampleResults.decided("d1", "judge", List.of(A, B, C), A, true, List.of(
        new Vote(B, Vote.ACCEPT, 0.7, "", false), new Vote(C, Vote.REJECT, 0.6, "", false)));
    var rejected = SampleResults.decided("d2", "judge", List.of(A, B, C), A, false, List.of(
        new Vote(B, Vote.ACCEPT, 0.7, "", false), new Vote(C, Vote.REJECT, 0.6, "", false)));
    var noQuorum = SampleResults.withStatus(rejected, DebateStatus.INSUFFICIENT_PARTICIPATION);

    for (var result : List.of(accepted, rejected)) {
      assertThat(VotePredictions.from(result).get(AgentIdentity.parse(B))).containsExactly(new Prediction(0.7, 0.72));
      assertThat(outcome(VotePredictions.from(result), C)).isCloseTo(0.28, within(1e-12));
    }
    assertThat(VotePredictions.from(noQuorum)).isEmpty();
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
