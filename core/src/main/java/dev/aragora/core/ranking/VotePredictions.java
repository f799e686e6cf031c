package dev.aragora.core.ranking;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.Vote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a finished debate's votes as predictions. There is no ground truth, so a vote is
 * <em>correct</em> when it agreed with the debate's decision:
 * <ul>
 *   <li>a vote for an agent is correct when that agent is the debate's winner;
 *   <li>a judge-mode vote ({@code accept}/{@code reject} on the synthesis) is correct when it
 *       matches whether the synthesis was accepted (consensus reached).
 * </ul>
 * Votes of a debate without a winner (and not on a synthesis), and every vote of a debate that
 * did not finish, are not predictions. This measures agreement with the group, a proxy: an agent
 * that is confidently right against a wrong majority is scored as wrong.
 */
public final class VotePredictions {
  private VotePredictions() {}

  /** Each voter identity's predictions from this debate, in vote order. */
  public static Map<AgentIdentity, List<Prediction>> from(DebateResult result) {
    requireNonNull(result, "result is null");
    Map<AgentIdentity, List<Prediction>> byAgent = new LinkedHashMap<>();
    if (!MatchOutcome.finished(result.status())) return byAgent;
    for (Vote vote : result.votes()) {
      Boolean correct = correct(vote, result);
      if (correct == null) continue;
      byAgent.computeIfAbsent(result.identityOf(vote.agent()), a -> new ArrayList<>())
          .add(new Prediction(vote.confidence(), correct));
    }
    byAgent.replaceAll((agent, list) -> List.copyOf(list));
    return byAgent;
  }

  /** Whether the vote agreed with the decision, or null when there is nothing to agree with. */
  private static Boolean correct(Vote vote, DebateResult result) {
    if (vote.choice().equals(Vote.ACCEPT)) return result.consensusReached();
    if (vote.choice().equals(Vote.REJECT)) return !result.consensusReached();
    if (result.winner().isEmpty()) return null;
    return vote.choice().equals(result.winner());
  }
}
