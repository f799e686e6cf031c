package dev.aragora.core.ranking;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An agent's ratings and record: overall ELO, ELO per domain, and its win/loss/draw counts.
 *
 * @param matches every match it took part in, unrated ones included
 */
public record AgentRating(AgentIdentity agent, double elo, Map<String, Double> domainElos, int wins, int losses,
                          int draws, int matches) {
  public AgentRating {
    requireNonNull(agent, "agent is null");
    domainElos = Collections.unmodifiableMap(new TreeMap<>(domainElos));
  }

  static AgentRating fresh(AgentIdentity agent, double initial) {
    return new AgentRating(agent, initial, Map.of(), 0, 0, 0, 0);
  }

  /** The rating in {@code domain}, or {@code initial} where it never played. */
  public double domainElo(String domain, double initial) {
    return domainElos.getOrDefault(domain, initial);
  }

  AgentRating after(RatingChange change) {
    Map<String, Double> domains = new TreeMap<>(domainElos);
    domains.put(change.domain(), change.domainEloAfter());
    return new AgentRating(agent, change.eloAfter(), domains,
        wins + (change.result() == MatchResult.WIN ? 1 : 0),
        losses + (change.result() == MatchResult.LOSS ? 1 : 0),
        draws + (change.result() == MatchResult.DRAW ? 1 : 0),
        matches + 1);
  }
}
