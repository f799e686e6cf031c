package dev.aragora.core.testing;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.debate.AgentUsage;
import dev.aragora.core.debate.Critique;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.DissentRecord;
import dev.aragora.core.debate.Message;
import dev.aragora.core.debate.Vote;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finished debates built by hand, for ranking and receipt tests. */
public final class SampleResults {
  private SampleResults() {}

  /**
   * A decided debate whose agents are named by their identity ids ({@code provider/model}) or by specs ({@code demo#2}).
   *
   * @param winner the winning agent name, or "" for none
   */
  public static DebateResult decided(String debateId, String mode, List<String> agents, String winner,
                                     boolean consensus, List<Vote> votes) {
    Map<String, AgentIdentity> identities = new LinkedHashMap<>();
    Map<String, String> proposals = new LinkedHashMap<>();
    Map<String, AgentUsage> usage = new LinkedHashMap<>();
    for (String agent : agents) {
      identities.put(agent, agent.contains("/") ? AgentIdentity.parse(agent) : AgentIdentity.ofName(agent));
      proposals.put(agent, "Position of " + agent);
      usage.put(agent, new AgentUsage(3, 120, 80, 0.0015));
    }
    DebateStatus status = consensus ? DebateStatus.CONSENSUS_REACHED : DebateStatus.COMPLETED;
    return new DebateResult(debateId, "Should we adopt event sourcing?", winner.isEmpty() ? "" : proposals.get(winner),
        0.72, consensus, consensus ? "strong" : "none", status, mode, 2, winner, agents, proposals, proposals, votes,
        List.of(new Critique(agents.get(0), agents.get(agents.size() - 1), 1, List.of("ignores cost"),
            List.of("estimate cost"), 6, "too optimistic")),
        List.of(new DissentRecord(agents.get(agents.size() - 1), "Position", agents.get(agents.size() - 1), 0.6, "mine")),
        "converged", 0.9, Map.of(), 12.5, usage, 0.0015 * agents.size(),
        List.of(new Message("proposal", agents.get(0), "Position of " + agents.get(0), 0, 1.0)), false, "", identities);
  }

  public static DebateResult withStatus(DebateResult r, DebateStatus status) {
    return new DebateResult(r.debateId(), r.task(), r.finalAnswer(), r.confidence(), r.consensusReached(),
        r.consensusStrength(), status, r.consensusMode(), r.roundsUsed(), r.winner(), r.participants(), r.proposals(),
        r.finalPositions(), r.votes(), r.critiques(), r.dissentingViews(), r.convergenceStatus(),
        r.convergenceSimilarity(), r.agentFailures(), r.durationSeconds(), r.usage(), r.totalCostUsd(), r.messages(),
        r.demo(), r.error(), r.agents());
  }
}
