package dev.aragora.core.consensus;

import dev.aragora.core.debate.DebateStatus;
import java.util.List;

/**
 * Majority, weighted, supermajority and unanimous voting: the option with most weighted votes wins;
 * consensus is reached when its share clears the mode's threshold.
 *
 * <p>Unanimous also needs a valid vote from every agent still in the debate.
 *
 * <p>Majority, supermajority and unanimous count each vote at its {@linkplain VoteWeights#weight
 * weight} (1 in a debate). Weighted counts each vote at weight × its evidence
 * ln(r (K − 1) / (1 − r)), r the vote's {@linkplain VoteWeights#reliability reliability} and K the
 * number of options: the Bayes-optimal vote for independent agents.
 *
 * <p>Confidence is the {@linkplain Posterior posterior probability} that the winner is the right
 * option given the votes: exp(S_winner) / Σ_o exp(S_o), S_o the summed evidence for option o.
 * It depends on the votes' reliabilities, not on their weights, so it means the same in every
 * mode: of decisions reported at 0.8, about 80% are right (measured by
 * {@code bench/run-calibration.sh}). Among three options, three of five votes at 0.6 give 0.82
 * when the other two split and 0.73 when they agree; five votes at 0.9 give 1.0 (to four places);
 * a three-way split of equal votes gives 1/3.
 */
final class ThresholdVote implements ConsensusStrategy {
  static final double MORE_THAN_HALF = 0.5;
  static final double TWO_THIRDS = 2.0 / 3.0;
  static final double ALL = 1.0;

  private final double threshold;
  private final boolean byEvidence;

  ThresholdVote(double threshold, boolean byEvidence) {
    this.threshold = threshold;
    this.byEvidence = byEvidence;
  }

  @Override
  public ConsensusOutcome decide(Ballot ballot) {
    List<String> options = List.copyOf(ballot.positions().keySet());
    Tally tally = Tally.count(ballot.votes(), options, ballot.weights(), byEvidence);
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
    double confidence = Posterior.of(leader, tally.evidence, options.size());
    return new ConsensusOutcome(reached, Tally.round(confidence), leader, leaderAnswer,
        Tally.strength(share, tally.distinctChoices()),
        reached ? DebateStatus.CONSENSUS_REACHED : DebateStatus.COMPLETED,
        tally.dissentFrom(leader, ballot.positions()), tally.sortedShares());
  }
}
