package dev.aragora.core.consensus;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.debate.Ordered;
import dev.aragora.core.debate.Vote;
import java.util.List;
import java.util.Map;

/**
 * What a consensus strategy decides from.
 *
 * @param participants every agent in the debate, in debate order (the quorum is counted on these)
 * @param positions each surviving agent's final position, in debate order
 * @param votes the votes cast; in judge mode, accept/reject votes on {@code synthesis}
 * @param judge the judge's name in judge mode, else empty
 * @param synthesis the judge's decision text in judge mode, else empty
 * @param agreement mean pairwise similarity of the final positions (used where there are no votes)
 */
public record Ballot(List<String> participants, Map<String, String> positions, List<Vote> votes,
                     VoteWeights weights, String judge, String synthesis, double agreement) {
  public Ballot {
    participants = List.copyOf(participants);
    positions = Ordered.copyOf(positions);
    votes = List.copyOf(votes);
    requireNonNull(weights, "weights is null");
    judge = judge == null ? "" : judge;
    synthesis = synthesis == null ? "" : synthesis;
  }

  public static Ballot of(List<String> participants, Map<String, String> positions, List<Vote> votes) {
    return new Ballot(participants, positions, votes, VoteWeights.EQUAL, "", "", 0);
  }

  public Ballot withWeights(VoteWeights value) {
    return new Ballot(participants, positions, votes, value, judge, synthesis, agreement);
  }
}
