package dev.aragora.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aragora.core.debate.ConsensusMode;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.Vote;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdVoteTest {
  private static final List<String> AGENTS = List.of("a", "b", "c");
  private static final Map<String, String> POSITIONS = positions("a", "b", "c");

  private static Map<String, String> positions(String... agents) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String agent : agents) map.put(agent, "position of " + agent);
    return map;
  }

  private static Vote vote(String agent, String choice, double confidence) {
    return new Vote(agent, choice, confidence, agent + " reasons", false);
  }

  private static ConsensusOutcome decide(ConsensusMode mode, Vote... votes) {
    return ConsensusStrategy.forMode(mode).decide(Ballot.of(AGENTS, POSITIONS, List.of(votes)));
  }

  @Test
  void majorityIsReachedWithTwoOfThreeVotes() {
    var outcome = decide(ConsensusMode.MAJORITY, vote("a", "b", 0.9), vote("b", "b", 0.6), vote("c", "c", 0.8));

    assertThat(outcome.reached()).isTrue();
    assertThat(outcome.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    assertThat(outcome.winner()).isEqualTo("b");
    assertThat(outcome.finalAnswer()).isEqualTo("position of b");
    assertThat(outcome.strength()).isEqualTo("medium");
    assertThat(outcome.tally()).containsExactly(Map.entry("b", 0.6667), Map.entry("c", 0.3333), Map.entry("a", 0.0));
  }

  @Test
  void confidenceIsTheWinnersWeightedConfidenceOverAllValidWeight() {
    var outcome = decide(ConsensusMode.MAJORITY, vote("a", "b", 0.9), vote("b", "b", 0.6), vote("c", "c", 0.8));

    assertThat(outcome.confidence()).isCloseTo((0.9 + 0.6) / 3, within(1e-4));
  }

  @Test
  void confidenceUsesVoteWeights() {
    VoteWeights weights = agent -> agent.equals("a") ? 3.0 : 1.0;
    var ballot = Ballot.of(AGENTS, POSITIONS, List.of(vote("a", "b", 0.5), vote("b", "b", 1.0), vote("c", "c", 1.0)))
        .withWeights(weights);

    var outcome = ConsensusStrategy.forMode(ConsensusMode.MAJORITY).decide(ballot);

    assertThat(outcome.confidence()).isCloseTo((3 * 0.5 + 1 * 1.0) / 5, within(1e-4));
  }

  @Test
  void aTieIsNoConsensus() {
    var ballot = Ballot.of(List.of("a", "b"), positions("a", "b"), List.of(vote("a", "a", 0.9), vote("b", "b", 0.9)));

    var outcome = ConsensusStrategy.forMode(ConsensusMode.MAJORITY).decide(ballot);

    assertThat(outcome.reached()).isFalse();
    assertThat(outcome.status()).isEqualTo(DebateStatus.COMPLETED);
  }

  @Test
  void aTieGoesToTheMoreConfidentSideForTheWinnerButIsStillNoConsensus() {
    var ballot = Ballot.of(List.of("a", "b"), positions("a", "b"), List.of(vote("a", "a", 0.4), vote("b", "b", 0.9)));

    var outcome = ConsensusStrategy.forMode(ConsensusMode.SUPERMAJORITY).decide(ballot);

    assertThat(outcome.winner()).isEqualTo("b");
    assertThat(outcome.reached()).isFalse();
  }

  @Test
  void weightsCanChangeTheWinner() {
    var votes = List.of(vote("a", "a", 0.8), vote("b", "c", 0.8), vote("c", "c", 0.8));
    var plain = ConsensusStrategy.forMode(ConsensusMode.MAJORITY).decide(Ballot.of(AGENTS, POSITIONS, votes));
    var weighted = ConsensusStrategy.forMode(ConsensusMode.MAJORITY)
        .decide(Ballot.of(AGENTS, POSITIONS, votes).withWeights(agent -> agent.equals("a") ? 5.0 : 1.0));

    assertThat(plain.winner()).isEqualTo("c");
    assertThat(weighted.winner()).isEqualTo("a");
    assertThat(weighted.reached()).isTrue();
  }

  @Test
  void weightedModeCountsConfidence() {
    var outcome = decide(ConsensusMode.WEIGHTED, vote("a", "b", 0.3), vote("b", "b", 0.3), vote("c", "c", 0.9));

    assertThat(outcome.winner()).isEqualTo("c");
    assertThat(outcome.reached()).isTrue();
    assertThat(outcome.confidence()).isCloseTo(0.3, within(1e-4));
  }

  @Test
  void supermajorityIsReachedAtExactlyTwoThirds() {
    var outcome = decide(ConsensusMode.SUPERMAJORITY, vote("a", "c", 0.8), vote("b", "c", 0.8), vote("c", "b", 0.8));

    assertThat(outcome.reached()).isTrue();
    assertThat(outcome.winner()).isEqualTo("c");
  }

  @Test
  void supermajorityIsNotReachedBelowTwoThirds() {
    var ballot = Ballot.of(List.of("a", "b", "c", "d"), positions("a", "b", "c", "d"),
        List.of(vote("a", "a", 1), vote("b", "a", 1), vote("c", "c", 1), vote("d", "d", 1)));

    var outcome = ConsensusStrategy.forMode(ConsensusMode.SUPERMAJORITY).decide(ballot);

    assertThat(outcome.winner()).isEqualTo("a");
    assertThat(outcome.reached()).isFalse();
    assertThat(outcome.strength()).isEqualTo("weak");
  }

  @Test
  void unanimousNeedsEveryVote() {
    var split = decide(ConsensusMode.UNANIMOUS, vote("a", "c", 0.8), vote("b", "c", 0.8), vote("c", "b", 0.8));
    var all = decide(ConsensusMode.UNANIMOUS, vote("a", "c", 0.8), vote("b", "c", 0.8), vote("c", "c", 0.8));

    assertThat(split.reached()).isFalse();
    assertThat(all.reached()).isTrue();
    assertThat(all.strength()).isEqualTo("unanimous");
    assertThat(all.confidence()).isCloseTo(0.8, within(1e-4));
  }

  @Test
  void dissentRecordsEveryVoteAgainstTheWinner() {
    var outcome = decide(ConsensusMode.MAJORITY, vote("a", "b", 0.9), vote("b", "b", 0.6), vote("c", "c", 0.7));

    assertThat(outcome.dissent()).singleElement().satisfies(d -> {
      assertThat(d.agent()).isEqualTo("c");
      assertThat(d.position()).isEqualTo("position of c");
      assertThat(d.votedFor()).isEqualTo("c");
      assertThat(d.confidence()).isEqualTo(0.7);
      assertThat(d.reasoning()).isEqualTo("c reasons");
    });
  }

  @Test
  void votesForUnknownOptionsAreIgnored() {
    var outcome = decide(ConsensusMode.MAJORITY, vote("a", "b", 1), vote("b", "b", 1), vote("c", "zed", 1));

    assertThat(outcome.strength()).isEqualTo("unanimous");
    assertThat(outcome.confidence()).isEqualTo(1.0);
    assertThat(outcome.dissent()).isEmpty();
  }

  @Test
  void fewerValidVotesThanTheQuorumIsInsufficientParticipation() {
    var ballot = Ballot.of(List.of("a", "b", "c", "d"), positions("a", "b", "c", "d"),
        List.of(vote("a", "b", 1), vote("b", "nobody", 1)));

    var outcome = ConsensusStrategy.forMode(ConsensusMode.MAJORITY).decide(ballot);

    assertThat(outcome.status()).isEqualTo(DebateStatus.INSUFFICIENT_PARTICIPATION);
    assertThat(outcome.confidence()).isZero();
    assertThat(outcome.reached()).isFalse();
  }

  @Test
  void quorumIsAtLeastTwoAndHalfTheParticipantsRoundedUp() {
    assertThat(ConsensusStrategy.quorum(2)).isEqualTo(2);
    assertThat(ConsensusStrategy.quorum(3)).isEqualTo(2);
    assertThat(ConsensusStrategy.quorum(4)).isEqualTo(2);
    assertThat(ConsensusStrategy.quorum(5)).isEqualTo(3);
    assertThat(ConsensusStrategy.quorum(10)).isEqualTo(5);
  }

  @Test
  void unanimousNeedsAValidVoteFromEveryAgentStillInTheDebate() {
    ConsensusOutcome outcome = decide(ConsensusMode.UNANIMOUS, vote("a", "b", 0.9), vote("b", "b", 0.9));

    assertThat(outcome.reached()).isFalse();
    assertThat(outcome.status()).isEqualTo(DebateStatus.COMPLETED);
  }
}
