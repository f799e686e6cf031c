package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;
import java.util.List;

/**
 * Two identities over the matches both played. In each rated match the one with the higher match
 * score ({@link dev.aragora.core.ranking.MatchOutcome#score}) won the pair, equal scores drew;
 * unrated matches count for neither. {@code aDelta} is the overall rating a took from b through
 * their pairings (each K·(actual − expected) at the ratings before the match); the update is
 * zero-sum, so b's is its negation.
 *
 * @param debateIds the shared matches, newest first
 */
public record HeadToHead(AgentIdentity a, AgentIdentity b, int matches, int aWins, int bWins, int draws,
                         int unrated, double aDelta, List<String> debateIds) {
  public HeadToHead {
    requireNonNull(a, "a is null");
    requireNonNull(b, "b is null");
    debateIds = List.copyOf(debateIds);
  }

  public double bDelta() {
    return -aDelta;
  }
}
