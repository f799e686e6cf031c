package dev.aragora.core.ranking;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;

/**
 * What is known of an agent when a debate starts: its rating (overall or in the debate's domain)
 * and its calibration. The input of {@link RatedWeights} and {@link TeamSelector}.
 */
public record AgentStanding(AgentIdentity agent, double elo, CalibrationSummary calibration) {
  public AgentStanding {
    requireNonNull(agent, "agent is null");
    requireNonNull(calibration, "calibration is null");
  }
}
