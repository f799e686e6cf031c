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
  void confidenceIsThePosteriorThatTheWinnerIsRight() {
    var outcome = decide(ConsensusMode.MAJORITY, vote("a", "b", 0.9), vote("b", "b", 0.6), vote("c", "c", 0.8));

    // three options; evidence ln(r·2/(1−r)): b gets ln 18 + ln 3 = ln 54, c ln 8, a nothing
    assertThat(outcome.confidence()).isCloseTo(54.0 / (54 + 8 + 1), within(1e-4));
  }

  @Test
  void confidenceUsesReliabilitiesNotWeights() {
    var votes = List.of(vote("a", "b", 0.9), vote("b", "b", 0.6), vote("c", "c", 0.8));
    VoteWeights heavy = agent -> agent.equals("a") ? 3.0 : 1.0;
    VoteWeights doubtful = new VoteWeights() {
      @Override
      public double weight(String agent) {
        return 1.0;
      }

      @Override
      public double reliability(String agent, double confidence) {
        return agent.equals("a") ? 0.6 : confidence; // a's record says its 0.9 means 0.6
      }
    };
    var plain = ConsensusStrategy.forMode(ConsensusMode.MAJORITY).decide(Ballot.of(AGENTS, POSITIONS, votes));
    var weighted = ConsensusStrategy.forMode(ConsensusMode.MAJORITY)
        .decide(Ballot.of(AGENTS, POSITIONS, votes).withWeights(heavy));
    var corrected = ConsensusStrategy.forMode(ConsensusMode.MAJORITY)
        .decide(Ballot.of(AGENTS, POSITIONS, votes).withWeights(doubtful));

    assertThat(weighted.confidence()).isEqualTo(plain.confidence());
    // b: ln 3 + ln 3 = ln 9 against c's ln 8
    assertThat(corrected.confidence()).isCloseTo(9.0 / (9 + 8 + 1), within(1e-4));
  }

  @Test
  void moreAgreeingVotesGiveMoreConfidence() {
    List<String> five = List.of("a", "b", "c", "d", "e");
    Map<String, String> options = positions("a", "b", "c", "d", "e");
    double previous = 0;
    for (int agreeing = 1; agreeing <= 5; agreeing++) {
      List<Vote> votes = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) votes.add(vote(five.get(i), i < agreeing ? "a" : five.get(i), 0.7));
      double confidence = ConsensusStrategy.forMode(ConsensusMode.MAJORITY)
          .decide(Ballot.of(five, options, votes)).confidence();
      assertThat(confidence).isGreaterThan(previous);
      previous = confidence;
    }
  }

  @Test
  void moreConfidentVotersGiveMoreConfidenceAndASplitGivesLess() {
    var lukewarm = decide(ConsensusMode.MAJORITY, vote("a", "b", 0.6), vote("b", "b", 0.6), vote("c", "b", 0.6));
    var sure = decide(ConsensusMode.MAJORITY, vote("a", "b", 0.9), vote("b", "b", 0.9), vote("c", "b", 0.9));
    var split = decide(ConsensusMode.MAJORITY, vote("a", "b", 0.9), vote("b", "b", 0.9), vote("c", "c", 0.9));
    var evenSplit = decide(ConsensusMode.MAJORITY, vote("a", "a", 0.9), vote("b", "b", 0.9), vote("c", "c", 0.9));

    assertThat(sure.confidence()).isGreaterThan(lukewarm.confidence());
    assertThat(split.confidence()).isLessThan(sure.confidence());
    assertThat(evenSplit.confidence()).isCloseTo(1.0 / 3, within(1e-4));
    // 27 / (27 + 1 + 1): three votes at 0.6 among three options
    assertThat(lukewarm.confidence()).isCloseTo(27.0 / 29, within(1e-4));
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
  void weightedModeCountsEvidence() {
    // among three options, a vote at 0.3 is below chance: no evidence; one at 0.9 is ln 18
    var outcome = decide(ConsensusMode.WEIGHTED, vote("a", "b", 0.3), vote("b", "b", 0.3), vote("c", "c", 0.9));

    assertThat(outcome.winner()).isEqualTo("c");
    assertThat(outcome.reached()).isTrue();
    assertThat(outcome.confidence()).isCloseTo(18.0 / 20, within(1e-4));
  }

  @Test
  void weightedModeLetsOneReliableVoteOutweighTwoWeakOnes() {
    // the Bayes-optimal vote: ln 9 (0.9, two options) beats ln 1.5 + ln 1.5 (two votes at 0.6)
    var ballot = Ballot.of(AGENTS, positions("a", "b"),
        List.of(vote("a", "a", 0.9), vote("b", "b", 0.6), vote("c", "b", 0.6)));

    var weighted = ConsensusStrategy.forMode(ConsensusMode.WEIGHTED).decide(ballot);
    var majority = ConsensusStrategy.forMode(ConsensusMode.MAJORITY).decide(ballot);

    assertThat(weighted.winner()).isEqualTo("a");
    assertThat(weighted.confidence()).isCloseTo(9 / (9 + 2.25), within(1e-4));
    assertThat(majority.winner()).isEqualTo("b");
    assertThat(majority.confidence()).isCloseTo(2.25 / (9 + 2.25), within(1e-4));
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
    // three votes at 0.8 among three options: 8³ / (8³ + 1 + 1)
    assertThat(all.confidence()).isCloseTo(512.0 / 514, within(1e-4));
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
    // two sure votes (trusted to 0.99 at most): 198² / (198² + 2)
    assertThat(outcome.confidence()).isCloseTo(1.0, within(1e-4));
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
