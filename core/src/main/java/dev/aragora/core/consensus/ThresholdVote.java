package dev.aragora.core.consensus;

import dev.aragora.core.debate.DebateStatus;
import java.util.List;

/**
 * Majority, weighted, supermajority and unanimous voting: the option with most weighted votes wins;
 * consensus is reached when its share clears the mode's threshold.
 *
 * <p>Unanimous also needs a valid vote from every agent still in the debate.
 *
 * <p>Confidence is the winner's support discounted by how sure its voters said they were:
 * Σ weight·confidence of the winner's votes ÷ Σ weight of all valid votes. Five sure votes give
 * about 0.9; three of five lukewarm votes give about 0.4.
 */
final class ThresholdVote implements ConsensusStrategy {
  static final double MORE_THAN_HALF = 0.5;
  static final double TWO_THIRDS = 2.0 / 3.0;
  static final double ALL = 1.0;

  private final double threshold;
  private final boolean confidenceWeighted;

  ThresholdVote(double threshold, boolean confidenceWeighted) {
    this.threshold = threshold;
    this.confidenceWeighted = confidenceWeighted;
  }

  @Override
  public ConsensusOutcome decide(Ballot ballot) {
    List<String> options = List.copyOf(ballot.positions().keySet());
    Tally tally = Tally.count(ballot.votes(), options, ballot.weights(), confidenceWeighted);
    String leader = tally.leader(options);
    String leaderAnswer = ballot.positions().getOrDefault(leader, "");
    if (tally.valid.size() < ConsensusStrategy.quorum(ballot.participants().size())) {
      return new ConsensusOutcome(false, 0, tally.valid.isEmpty() ? "" : leader, leaderAnswer, "none",
          DebateStatus.INSUFFICIENT_PARTICIPATION, tally.dissentFrom(leader, ballot.positions()), tally.sortedShares());
    }
    double share = tally.share(leader);
    boolean reached = !tally.tiedAtTop(leader) && (threshold == MORE_THAN_HALF ? share > threshold : share >= threshold - 1e-9);
    // Unanimity counts every agent still in the debate: a failed or invalid vote is not agreement.
    if (threshold == ALL && tally.valid.size() < options.size()) reached = false;
    double plainWeight = tally.valid.stream().mapToDouble(v -> Math.max(0, ballot.weights().weight(v.agent()))).sum();
    double confidence = plainWeight == 0 ? 0 : Math.min(1, tally.confidentSupport.get(leader) / plainWeight);
    return new ConsensusOutcome(reached, Tally.round(confidence), leader, leaderAnswer,
        Tally.strength(share, tally.distinctChoices()),
        reached ? DebateStatus.CONSENSUS_REACHED : DebateStatus.COMPLETED,
        tally.dissentFrom(leader, ballot.positions()), tally.sortedShares());
  }
}
