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

  /** The judge's synthesis and one other position: two alternatives (K = 2). */
  private static final Map<String, String> TWO = Map.of("judge", "J", "a", "A", "b", "A");

  private static ConsensusOutcome decideAmongTwo(VoteWeights weights, Vote... votes) {
    return new JudgeDecision().decide(new Ballot(List.of("judge", "a", "b"), TWO, List.of(votes), weights, "judge",
        "the synthesis", 0));
  }

  @Test
  void twoAcceptsAddTheirEvidenceToTheJudgesPrior() {
    var outcome = decideAmongTwo(VoteWeights.EQUAL, vote("a", "accept", 0.9), vote("b", "accept", 0.7));

    assertThat(outcome.reached()).isTrue();
    assertThat(outcome.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    // prior logit(mean 0.8) = ln 4, then + ln 9 + ln(7/3): L = ln 84
    assertThat(outcome.confidence()).isCloseTo(84.0 / 85, within(1e-4));
    assertThat(outcome.winner()).isEqualTo("judge");
    assertThat(outcome.finalAnswer()).isEqualTo("the synthesis");
    assertThat(outcome.strength()).isEqualTo("unanimous");
    assertThat(outcome.dissent()).isEmpty();
  }

  @Test
  void aRejectCancelsAnAcceptOfTheSameReliabilityAndIsRecordedAsDissent() {
    var outcome = decideAmongTwo(VoteWeights.EQUAL, vote("a", "accept", 0.9), vote("b", "reject", 0.9));

    assertThat(outcome.reached()).isFalse();
    assertThat(outcome.status()).isEqualTo(DebateStatus.COMPLETED);
    // what is left is the prior: logit(0.9)
    assertThat(outcome.confidence()).isCloseTo(0.9, within(1e-9));
    assertThat(outcome.tally()).containsEntry("accept", 0.5).containsEntry("reject", 0.5);
    assertThat(outcome.dissent()).singleElement().satisfies(d -> {
      assertThat(d.agent()).isEqualTo("b");
      assertThat(d.votedFor()).isEqualTo("reject");
      assertThat(d.position()).isEqualTo("A");
    });
  }

  @Test
  void amongMoreAlternativesAnAcceptSaysMoreThanAReject() {
    // K = 3: a wrong synthesis is accepted only by a voter that made the same mistake
    var outcome = decide(vote("a", "accept", 0.9), vote("b", "reject", 0.9));

    // ln 9 + ln(0.9·2/0.1) + ln(0.1/(1 − 0.1/2)) = ln(9 · 18 · 0.1/0.95)
    double odds = 9 * 18 * (0.1 / 0.95);
    assertThat(outcome.confidence()).isCloseTo(odds / (1 + odds), within(1e-4));
    assertThat(outcome.reached()).isFalse();
  }

  @Test
  void weightsDecideASplitButNotTheConfidence() {
    Vote accept = vote("a", "accept", 0.8);
    Vote reject = vote("b", "reject", 0.8);
    var weighted = decideAmongTwo(agent -> agent.equals("a") ? 3.0 : 1.0, accept, reject);

    assertThat(weighted.reached()).isTrue();
    assertThat(weighted.confidence()).isEqualTo(decideAmongTwo(VoteWeights.EQUAL, accept, reject).confidence());
  }

  @Test
  void theMoreReliableSideOfASplitMovesTheConfidence() {
    var outcome = decideAmongTwo(VoteWeights.EQUAL, vote("a", "accept", 0.9), vote("b", "reject", 0.6));

    // prior logit(0.75) = ln 3; + ln 9 − ln 1.5: L = ln 18
    assertThat(outcome.confidence()).isCloseTo(18.0 / 19, within(1e-4));
    // ln 3 + ln 1.5 − ln 9 = ln 0.5
    assertThat(decideAmongTwo(VoteWeights.EQUAL, vote("a", "accept", 0.6), vote("b", "reject", 0.9)).confidence())
        .isCloseTo(1.0 / 3, within(1e-4));
  }

  @Test
  void theJudgesTrackRecordSetsThePrior() {
    VoteWeights judgeIsAFlip = new VoteWeights() {
      @Override
      public double weight(String agent) {
        return 1.0;
      }

      @Override
      public double accuracy(String agent, double otherwise) {
        return agent.equals("judge") ? 0.5 : otherwise;
      }
    };

    assertThat(decideAmongTwo(judgeIsAFlip, vote("a", "accept", 0.9)).confidence()).isCloseTo(0.9, within(1e-9));
  }

  @Test
  void withoutARecordTheJudgeIsTakenToBeAsReliableAsItsVoters() {
    VoteWeights votersOverstate = new VoteWeights() {
      @Override
      public double weight(String agent) {
        return 1.0;
      }

      @Override
      public double reliability(String agent, double confidence) {
        return confidence - 0.2;
      }
    };

    // prior: the voters' mean reliability, 0.7 (not their stated 0.9); then + logit(0.7)
    double odds = (0.7 / 0.3) * (0.7 / 0.3);
    assertThat(decideAmongTwo(votersOverstate, vote("a", "accept", 0.9)).confidence())
        .isCloseTo(odds / (1 + odds), within(1e-4));
  }

  @Test
  void theJudgesOwnVoteAndInvalidChoicesAreIgnored() {
    var outcome = decide(vote("judge", "reject", 1.0), vote("a", "accept", 0.6), vote("b", "maybe", 1.0));

    assertThat(outcome.reached()).isTrue();
    // K = 3: prior logit(0.6) = ln 1.5, accept ln(0.6·2/0.4) = ln 3: L = ln 4.5
    assertThat(outcome.confidence()).isCloseTo(4.5 / 5.5, within(1e-4));
  }

  @Test
  void noValidVoteIsInsufficientParticipation() {
    var outcome = decide(vote("b", "maybe", 1.0));

    assertThat(outcome.status()).isEqualTo(DebateStatus.INSUFFICIENT_PARTICIPATION);
    assertThat(outcome.confidence()).isZero();
    assertThat(outcome.reached()).isFalse();
  }
}
