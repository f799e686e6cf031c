package dev.aragora.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.Vote;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgeDecisionTest {
  private static final Map<String, String> POSITIONS = Map.of("judge", "J", "a", "A", "b", "B");

  private static ConsensusOutcome decide(List<String> participants, VoteWeights weights, Vote... votes) {
    return new JudgeDecision().decide(new Ballot(participants, POSITIONS, List.of(votes), weights, "judge",
        "the synthesis", 0));
  }

  private static ConsensusOutcome decide(Vote... votes) {
    return decide(List.of("judge", "a", "b"), VoteWeights.EQUAL, votes);
  }

  private static Vote vote(String agent, String choice, double confidence) {
    return new Vote(agent, choice, confidence, agent + " says", false);
  }

  @Test
  void twoAcceptsAddTheirEvidence() {
    var outcome = decide(vote("a", "accept", 0.9), vote("b", "accept", 0.7));

    assertThat(outcome.reached()).isTrue();
    assertThat(outcome.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    // log-odds ln 9 + ln(7/3) = ln 21
    assertThat(outcome.confidence()).isCloseTo(21.0 / 22, within(1e-4));
    assertThat(outcome.winner()).isEqualTo("judge");
    assertThat(outcome.finalAnswer()).isEqualTo("the synthesis");
    assertThat(outcome.strength()).isEqualTo("unanimous");
    assertThat(outcome.dissent()).isEmpty();
  }

  @Test
  void aConfidentRejectGivesLowSupport() {
    var outcome = decide(List.of("judge", "a"), VoteWeights.EQUAL, vote("a", "reject", 0.9));

    assertThat(outcome.reached()).isFalse();
    assertThat(outcome.status()).isEqualTo(DebateStatus.COMPLETED);
    assertThat(outcome.confidence()).isCloseTo(0.1, within(1e-9));
    assertThat(outcome.dissent()).singleElement().satisfies(d -> {
      assertThat(d.agent()).isEqualTo("a");
      assertThat(d.votedFor()).isEqualTo("reject");
      assertThat(d.position()).isEqualTo("A");
    });
  }

  @Test
  void anEvenSplitIsNoConsensus() {
    var outcome = decide(vote("a", "accept", 0.9), vote("b", "reject", 0.9));

    assertThat(outcome.reached()).isFalse();
    assertThat(outcome.confidence()).isCloseTo(0.5, within(1e-9));
    assertThat(outcome.tally()).containsEntry("accept", 0.5).containsEntry("reject", 0.5);
  }

  @Test
  void weightsDecideASplitButNotTheConfidence() {
    var outcome = decide(List.of("judge", "a", "b"), agent -> agent.equals("a") ? 3.0 : 1.0,
        vote("a", "accept", 1.0), vote("b", "reject", 1.0));

    assertThat(outcome.reached()).isTrue();
    assertThat(outcome.confidence()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void theMoreReliableSideOfASplitMovesTheConfidence() {
    var outcome = decide(vote("a", "accept", 0.9), vote("b", "reject", 0.6));

    // ln 9 − ln 1.5 = ln 6
    assertThat(outcome.confidence()).isCloseTo(6.0 / 7, within(1e-4));
    assertThat(decide(vote("a", "accept", 0.6), vote("b", "reject", 0.9)).confidence()).isCloseTo(1.0 / 7, within(1e-4));
  }

  @Test
  void theJudgesOwnVoteAndInvalidChoicesAreIgnored() {
    var outcome = decide(vote("judge", "reject", 1.0), vote("a", "accept", 0.6), vote("b", "maybe", 1.0));

    assertThat(outcome.reached()).isTrue();
    assertThat(outcome.confidence()).isCloseTo(0.6, within(1e-9));
  }

  @Test
  void noValidVoteIsInsufficientParticipation() {
    var outcome = decide(vote("b", "maybe", 1.0));

    assertThat(outcome.status()).isEqualTo(DebateStatus.INSUFFICIENT_PARTICIPATION);
    assertThat(outcome.confidence()).isZero();
    assertThat(outcome.reached()).isFalse();
  }
}
