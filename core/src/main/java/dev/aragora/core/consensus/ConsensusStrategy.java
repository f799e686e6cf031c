package dev.aragora.core.consensus;

import dev.aragora.core.debate.ConsensusMode;

/** Turns a ballot into a decision. One implementation per {@link ConsensusMode}. */
@FunctionalInterface
public interface ConsensusStrategy {
  ConsensusOutcome decide(Ballot ballot);

  static ConsensusStrategy forMode(ConsensusMode mode) {
    return switch (mode) {
      case MAJORITY -> new ThresholdVote(ThresholdVote.MORE_THAN_HALF, false);
      case WEIGHTED -> new ThresholdVote(ThresholdVote.MORE_THAN_HALF, true);
      case SUPERMAJORITY -> new ThresholdVote(ThresholdVote.TWO_THIRDS, false);
      case UNANIMOUS -> new ThresholdVote(ThresholdVote.ALL, false);
      case JUDGE -> new JudgeDecision();
      case NONE -> new NoVote();
    };
  }

  /** Quorum for vote-based modes: max(2, ⌈n/2⌉) valid votes among n participants. */
  static int quorum(int participants) {
    return Math.max(2, (participants + 1) / 2);
  }
}
