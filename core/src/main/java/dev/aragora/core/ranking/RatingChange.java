package dev.aragora.core.ranking;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;

/**
 * One agent's rating history row for one debate: its overall and domain rating before and after.
 * An unrated match leaves both unchanged.
 */
public record RatingChange(String debateId, AgentIdentity agent, String domain, MatchResult result,
                           double eloBefore, double eloAfter, double domainEloBefore, double domainEloAfter) {
  public RatingChange {
    requireNonNull(debateId, "debateId is null");
    requireNonNull(agent, "agent is null");
    requireNonNull(domain, "domain is null");
    requireNonNull(result, "result is null");
  }

  public double delta() {
    return eloAfter - eloBefore;
  }
}
