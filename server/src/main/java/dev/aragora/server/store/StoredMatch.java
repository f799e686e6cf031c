package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.ranking.MatchOutcome;
import java.time.Instant;
import java.util.List;

/** One row of {@code matches}, the match a finished debate stands for, with when it was recorded. */
public record StoredMatch(MatchOutcome outcome, Instant recordedAt) {
  public StoredMatch {
    requireNonNull(outcome, "outcome is null");
    requireNonNull(recordedAt, "recordedAt is null");
  }

  public String debateId() {
    return outcome.debateId();
  }

  public List<AgentIdentity> participants() {
    return outcome.participants();
  }
}
