package dev.aragora.core.consensus;

/**
 * What is known of each voter. {@link #weight} is how much an agent's vote counts when the winner
 * is picked; {@link #reliability} is how likely its vote is to be right, which is what the
 * reported confidence is computed from. The ranking feature feeds ELO into the weight and the
 * agent's track record into the reliability ({@code RatedWeights}).
 */
@FunctionalInterface
public interface VoteWeights {
  /** Every vote counts 1, and every voter is taken at its word. */
  VoteWeights EQUAL = agent -> 1.0;

  /** A positive weight for {@code agent}'s vote. */
  double weight(String agent);

  /**
   * The probability that {@code agent}'s vote is right when it says it is {@code confidence} sure,
   * in [0, 1]. By default the agent is taken at its word; a source that knows the agent's track
   * record corrects for its over- or underconfidence.
   */
  default double reliability(String agent, double confidence) {
    return confidence;
  }

  /**
   * How likely {@code agent} is to be right when it states no confidence (a judge's synthesis):
   * by default {@code otherwise}; a source that knows the agent's track record gives its accuracy.
   */
  default double accuracy(String agent, double otherwise) {
    return otherwise;
  }

  /**
   * One vote per agent, with this source's reliabilities: what the unweighted modes (majority,
   * supermajority, unanimous, judge) decide with, so their confidence also uses the track record.
   */
  default VoteWeights oneVoteEach() {
    VoteWeights source = this;
    return new VoteWeights() {
      @Override
      public double weight(String agent) {
        return 1.0;
      }

      @Override
      public double reliability(String agent, double confidence) {
        return source.reliability(agent, confidence);
      }

      @Override
      public double accuracy(String agent, double otherwise) {
        return source.accuracy(agent, otherwise);
      }
    };
  }
}
