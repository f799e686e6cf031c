package dev.aragora.core.debate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.aragora.core.agent.AgentIdentity;
import java.util.List;
import java.util.Map;

/**
 * The decision. Field names follow the original's DebateResult, in snake_case on the wire.
 *
 * @param proposals each agent's opening proposal
 * @param finalPositions each agent's last revision (what was voted on)
 * @param convergenceStatus converged, refining, diverging, or not_checked
 * @param demo true when any text came from the offline demo provider
 * @param agents each participant's identity (provider and model) by agent name, in participant
 *     order; ratings and receipts use it. Empty in results stored before it existed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DebateResult(String debateId, String task, String finalAnswer, double confidence,
                           boolean consensusReached, String consensusStrength, DebateStatus status,
                           String consensusMode, int roundsUsed, String winner, List<String> participants,
                           Map<String, String> proposals, Map<String, String> finalPositions, List<Vote> votes,
                           List<Critique> critiques, List<DissentRecord> dissentingViews,
                           String convergenceStatus, double convergenceSimilarity,
                           Map<String, List<AgentFailure>> agentFailures, double durationSeconds,
                           Map<String, AgentUsage> usage, double totalCostUsd, List<Message> messages,
                           boolean demo, String error, Map<String, AgentIdentity> agents) {
  public DebateResult {
    agents = agents == null ? Map.of() : Ordered.copyOf(agents);
    participants = List.copyOf(participants);
    proposals = Ordered.copyOf(proposals);
    finalPositions = Ordered.copyOf(finalPositions);
    votes = List.copyOf(votes);
    critiques = List.copyOf(critiques);
    dissentingViews = List.copyOf(dissentingViews);
    agentFailures = Ordered.copyOf(agentFailures);
    usage = Ordered.copyOf(usage);
    messages = List.copyOf(messages);
    finalAnswer = finalAnswer == null ? "" : finalAnswer;
    winner = winner == null ? "" : winner;
    error = error == null ? "" : error;
  }

  /** A result without participant identities (as stored before {@code agents} existed). */
  public DebateResult(String debateId, String task, String finalAnswer, double confidence,
                      boolean consensusReached, String consensusStrength, DebateStatus status,
                      String consensusMode, int roundsUsed, String winner, List<String> participants,
                      Map<String, String> proposals, Map<String, String> finalPositions, List<Vote> votes,
                      List<Critique> critiques, List<DissentRecord> dissentingViews,
                      String convergenceStatus, double convergenceSimilarity,
                      Map<String, List<AgentFailure>> agentFailures, double durationSeconds,
                      Map<String, AgentUsage> usage, double totalCostUsd, List<Message> messages,
                      boolean demo, String error) {
    this(debateId, task, finalAnswer, confidence, consensusReached, consensusStrength, status, consensusMode,
        roundsUsed, winner, participants, proposals, finalPositions, votes, critiques, dissentingViews,
        convergenceStatus, convergenceSimilarity, agentFailures, durationSeconds, usage, totalCostUsd, messages,
        demo, error, Map.of());
  }

  /** The identity of agent {@code name}: from {@link #agents}, else derived from the name itself. */
  public AgentIdentity identityOf(String name) {
    AgentIdentity known = agents.get(name);
    return known != null ? known : AgentIdentity.ofName(name);
  }
}
