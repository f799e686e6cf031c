package dev.aragora.core.debate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The decision. Field names follow the original's DebateResult, in snake_case on the wire.
 *
 * @param proposals each agent's opening proposal
 * @param finalPositions each agent's last revision (what was voted on)
 * @param convergenceStatus converged, refining, diverging, or not_checked
 * @param demo true when any text came from the offline demo provider
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
                           boolean demo, String error) {
  public DebateResult {
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
}
