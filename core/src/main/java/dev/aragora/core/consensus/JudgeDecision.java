package dev.aragora.core.consensus;

import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.DissentRecord;
import dev.aragora.core.debate.Vote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A judge wrote the synthesis; the other agents voted accept or reject on it. Consensus needs more
 * than half the voting weight to accept, from at least ⌈(n−1)/2⌉ voters (the participants other
 * than the judge, at least one).
 *
 * <p>Confidence is the posterior probability that the synthesis is right, from an even prior: each
 * vote of {@linkplain VoteWeights#reliability reliability} r adds its evidence ln(r / (1 − r))
 * (r clamped to [0.5, 0.99]) to the log-odds when it accepts and subtracts it when it rejects, and
 * the confidence is 1 / (1 + e^−L). One accept at 0.9 gives 0.9, one reject at 0.9 gives 0.1, two
 * accepts at 0.9 and 0.7 give 0.95, an accept and a reject of equal reliability give 0.5.
 */
final class JudgeDecision implements ConsensusStrategy {
  @Override
  public ConsensusOutcome decide(Ballot ballot) {
    List<Vote> valid = ballot.votes().stream()
        .filter(v -> !v.agent().equals(ballot.judge()))
        .filter(v -> v.choice().equals(Vote.ACCEPT) || v.choice().equals(Vote.REJECT))
        .toList();
    int voters = Math.max(1, ballot.participants().size() - 1);
    int quorum = Math.max(1, (voters + 1) / 2);
    double total = 0, accepted = 0, logOdds = 0;
    List<DissentRecord> dissent = new ArrayList<>();
    for (Vote vote : valid) {
      double w = Math.max(0, ballot.weights().weight(vote.agent()));
      boolean accept = vote.choice().equals(Vote.ACCEPT);
      total += w;
      if (accept) accepted += w;
      double e = w > 0 ? Posterior.evidence(ballot.weights().reliability(vote.agent(), vote.confidence()), 2) : 0;
      logOdds += accept ? e : -e;
      if (!accept) {
        dissent.add(new DissentRecord(vote.agent(), ballot.positions().getOrDefault(vote.agent(), ""), Vote.REJECT,
            vote.confidence(), vote.reasoning()));
      }
    }
    Map<String, Double> tally = new LinkedHashMap<>();
    tally.put(Vote.ACCEPT, Tally.round(total == 0 ? 0 : accepted / total));
    tally.put(Vote.REJECT, Tally.round(total == 0 ? 0 : 1 - accepted / total));
    if (valid.size() < quorum) {
      return new ConsensusOutcome(false, 0, ballot.judge(), ballot.synthesis(), "none",
          DebateStatus.INSUFFICIENT_PARTICIPATION, dissent, tally);
    }
    double share = accepted / total;
    boolean reached = share > 0.5;
    long distinct = valid.stream().map(Vote::choice).distinct().count();
    return new ConsensusOutcome(reached, Tally.round(Posterior.logistic(logOdds)), ballot.judge(), ballot.synthesis(),
        Tally.strength(share, distinct), reached ? DebateStatus.CONSENSUS_REACHED : DebateStatus.COMPLETED,
        dissent, tally);
  }
}
