package dev.aragora.core.consensus;

import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.DissentRecord;
import dev.aragora.core.debate.Ordered;
import java.util.List;
import java.util.Map;

/**
 * A strategy's decision.
 *
 * @param strength unanimous, strong, medium, weak, none or fallback
 * @param tally weighted support per option, in descending order
 */
public record ConsensusOutcome(boolean reached, double confidence, String winner, String finalAnswer,
                               String strength, DebateStatus status, List<DissentRecord> dissent,
                               Map<String, Double> tally) {
  public ConsensusOutcome {
    if (!(confidence >= 0 && confidence <= 1)) throw new IllegalArgumentException("confidence out of [0,1]: " + confidence);
    winner = winner == null ? "" : winner;
    finalAnswer = finalAnswer == null ? "" : finalAnswer;
    dissent = List.copyOf(dissent);
    tally = Ordered.copyOf(tally);
  }
}
