package dev.aragora.core.ranking;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What a finished debate says about its participants, as one match.
 *
 * <p>Scores: the winner 1; every other participant 0.5 when consensus was reached, else 0. In
 * judge mode the winner is the judge whose synthesis was decided on, so the judge gains rating.
 * A match without a winner is recorded but {@linkplain #rated() unrated}: no rating changes and no
 * win, loss or draw. Several agents of one identity in a debate (e.g. {@code demo} and
 * {@code demo#2}) play as one participant; it wins when any of them won.
 *
 * @param winner the winning identity, or null when the debate has none
 * @param domain the rating domain (e.g. {@code general}, {@code security}); blank means {@link #GENERAL}
 */
public record MatchOutcome(String debateId, String domain, List<AgentIdentity> participants, AgentIdentity winner,
                           boolean consensusReached) {
  public static final String GENERAL = "general";

  public MatchOutcome {
    requireNonNull(debateId, "debateId is null");
    if (debateId.isBlank()) throw new IllegalArgumentException("debateId is blank");
    domain = domain == null || domain.isBlank() ? GENERAL : domain.strip();
    participants = List.copyOf(new LinkedHashSet<>(participants));
    if (winner != null && !participants.contains(winner))
      throw new IllegalArgumentException("winner " + winner + " is not a participant");
  }

  /**
   * The match a debate result stands for, or empty when the debate did not finish with a decision
   * (failed, cancelled or suspended): such a debate is not a match, and may still finish later.
   */
  public static Optional<MatchOutcome> of(DebateResult result, String domain) {
    requireNonNull(result, "result is null");
    if (!finished(result.status())) return Optional.empty();
    List<AgentIdentity> players = new ArrayList<>();
    for (String name : result.participants()) players.add(result.identityOf(name));
    AgentIdentity winner = result.participants().contains(result.winner()) ? result.identityOf(result.winner()) : null;
    return Optional.of(new MatchOutcome(result.debateId(), domain, players, winner, result.consensusReached()));
  }

  /** Whether a debate that ended with {@code status} counts as a match. */
  public static boolean finished(DebateStatus status) {
    return switch (status) {
      case CONSENSUS_REACHED, COMPLETED, INSUFFICIENT_PARTICIPATION -> true;
      case FAILED, CANCELLED, SUSPENDED -> false;
    };
  }

  /** Whether ratings move: there is a winner and someone to compare it with. */
  public boolean rated() {
    return winner != null && participants.size() >= 2;
  }

  /** The agent's match score: 1 for the winner, else 0.5 with consensus or 0 without. */
  public double score(AgentIdentity agent) {
    if (agent.equals(winner)) return 1;
    return consensusReached ? 0.5 : 0;
  }

  public MatchResult resultOf(AgentIdentity agent) {
    if (!participants.contains(agent)) throw new IllegalArgumentException(agent + " did not take part");
    if (!rated()) return MatchResult.UNRATED;
    if (agent.equals(winner)) return MatchResult.WIN;
    return consensusReached ? MatchResult.DRAW : MatchResult.LOSS;
  }
}
