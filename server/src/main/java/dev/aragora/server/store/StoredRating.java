package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;

/**
 * One row of {@code ratings}: an identity's rating and record, overall ({@code domain} "") or in
 * one domain.
 */
public record StoredRating(AgentIdentity agent, String domain, double elo, int wins, int losses, int draws,
                           int matches) {
  public static final String OVERALL = "";

  public StoredRating {
    requireNonNull(agent, "agent is null");
    requireNonNull(domain, "domain is null");
  }
}
