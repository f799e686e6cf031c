package dev.aragora.core.consensus;

import dev.aragora.core.debate.DebateStatus;
import java.util.Map;

/**
 * No vote: the answer lists every final position. Confidence is how much the positions agree
 * (the ballot's mean pairwise similarity), since there are no votes to derive it from.
 */
final class NoVote implements ConsensusStrategy {
  @Override
  public ConsensusOutcome decide(Ballot ballot) {
    StringBuilder answer = new StringBuilder();
    for (Map.Entry<String, String> e : ballot.positions().entrySet()) {
      answer.append("## ").append(e.getKey()).append("\n\n").append(e.getValue().strip()).append("\n\n");
    }
    double agreement = Math.max(0, Math.min(1, ballot.agreement()));
    return new ConsensusOutcome(false, Tally.round(agreement), "", answer.toString().strip(), "none",
        DebateStatus.COMPLETED, java.util.List.of(), Map.of());
  }
}
