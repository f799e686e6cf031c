package dev.aragora.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.debate.DebateStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoVoteTest {
  private static ConsensusOutcome decide(double agreement) {
    Map<String, String> positions = new LinkedHashMap<>();
    positions.put("a", "  Alpha answer. ");
    positions.put("b", "Beta answer.");
    return new NoVote().decide(new Ballot(List.of("a", "b"), positions, List.of(), VoteWeights.EQUAL, "", "", agreement));
  }

  @Test
  void theAnswerListsEveryPositionUnderItsAgent() {
    assertThat(decide(0.5).finalAnswer()).isEqualTo("## a\n\nAlpha answer.\n\n## b\n\nBeta answer.");
  }

  @Test
  void confidenceIsTheAgreementAndNoConsensusIsClaimed() {
    var outcome = decide(0.4321);

    assertThat(outcome.confidence()).isEqualTo(0.4321);
    assertThat(outcome.reached()).isFalse();
    assertThat(outcome.status()).isEqualTo(DebateStatus.COMPLETED);
    assertThat(outcome.winner()).isEmpty();
    assertThat(outcome.strength()).isEqualTo("none");
  }

  @Test
  void agreementOutsideZeroToOneIsClamped() {
    assertThat(decide(1.2).confidence()).isEqualTo(1.0);
    assertThat(decide(-0.3).confidence()).isEqualTo(0.0);
  }
}
