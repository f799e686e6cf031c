package dev.aragora.core.ranking;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;
import java.util.List;

/**
 * The match row of one debate with every participant's history row. A store keeps one per
 * debate id: recording the same debate again (replay, resume) must change nothing.
 *
 * @param changes one row per participant, in participant order
 */
public record MatchRecord(MatchOutcome match, List<RatingChange> changes) {
  public MatchRecord {
    requireNonNull(match, "match is null");
    changes = List.copyOf(changes);
  }

  public String debateId() {
    return match.debateId();
  }

  public RatingChange changeOf(AgentIdentity agent) {
    return changes.stream().filter(c -> c.agent().equals(agent)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(agent + " did not take part in " + debateId()));
  }
}
