package dev.aragora.core.ranking;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.consensus.Posterior;
import dev.aragora.core.consensus.VoteWeights;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.Vote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a finished debate's votes as predictions. There is no ground truth, so a vote's outcome is
 * the probability that it was right given all the debate's votes:
 * <ul>
 *   <li>a vote for an agent's position scores that position's {@linkplain Posterior posterior}
 *       among the final positions, each vote weighed by its voter's reliability as known when the
 *       debate is recorded;
 *   <li>a judge-mode vote scores the debate's confidence (the posterior that the synthesis is
 *       right) when it accepts, one minus it when it rejects.
 * </ul>
 * This is one expectation step of Dawid and Skene's estimate of each voter's accuracy from
 * unlabelled votes, done once per debate: if the reliabilities are right, an agent's mean outcome
 * is its true accuracy (whatever it states), and the {@linkplain RatedWeights reliabilities} learnt
 * from these outcomes move toward it as debates are recorded. Unlike scoring a vote 1 when it
 * agreed with the decision, a weak agent that tipped a close vote gets little credit for it. Votes
 * are read as independent witnesses, so agents that share mistakes are credited too much.
 *
 * <p>Votes of a debate without a winner (and not on a synthesis), judge votes of a debate without
 * a quorum, and every vote of a debate that did not finish are not predictions.
 */
public final class VotePredictions {
  private VotePredictions() {}

  /** Each voter identity's predictions, every voter taken at its word (reliability = stated confidence). */
  public static Map<AgentIdentity, List<Prediction>> from(DebateResult result) {
    return from(result, agent -> CalibrationSummary.NONE);
  }

  /**
   * Each voter identity's predictions from this debate, in vote order, each voter's reliability
   * {@linkplain RatedWeights#reliabilityOf corrected} by its record as known before this debate.
   */
  public static Map<AgentIdentity, List<Prediction>> from(DebateResult result,
                                                          Function<AgentIdentity, CalibrationSummary> records) {
    requireNonNull(result, "result is null");
    requireNonNull(records, "records is null");
    VoteWeights known = new VoteWeights() {
      @Override
      public double weight(String agent) {
        return 1.0;
      }

      @Override
      public double reliability(String agent, double confidence) {
        return RatedWeights.reliabilityOf(records.apply(result.identityOf(agent)), confidence);
      }
    };
    Map<AgentIdentity, List<Prediction>> byAgent = new LinkedHashMap<>();
    if (!MatchOutcome.finished(result.status())) return byAgent;
    List<String> options = List.copyOf(result.finalPositions().isEmpty() ? result.participants()
        : result.finalPositions().keySet());
    Map<String, Double> posterior = result.winner().isEmpty() ? Map.of()
        : Posterior.of(result.votes(), options, known);
    boolean judged = result.status() != DebateStatus.INSUFFICIENT_PARTICIPATION;
    for (Vote vote : result.votes()) {
      Double outcome = switch (vote.choice()) {
        case Vote.ACCEPT -> judged ? result.confidence() : null;
        case Vote.REJECT -> judged ? 1 - result.confidence() : null;
        default -> posterior.get(vote.choice());
      };
      if (outcome == null) continue;
      byAgent.computeIfAbsent(result.identityOf(vote.agent()), a -> new ArrayList<>())
          .add(new Prediction(vote.confidence(), Math.clamp(outcome, 0.0, 1.0)));
    }
    byAgent.replaceAll((agent, list) -> List.copyOf(list));
    return byAgent;
  }
}
