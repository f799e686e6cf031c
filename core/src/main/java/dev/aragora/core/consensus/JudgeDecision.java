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
 * <p>Confidence is the posterior probability that the synthesis is right. The prior is the judge's
 * own reliability — how likely its answer is to be right — which, since the judge states no
 * confidence, is its {@linkplain VoteWeights#accuracy track record}, or while it has none the mean
 * reliability of the voters. Among K alternatives (the distinct final positions, at least 2), each
 * vote of reliability r then adds ln(r (K − 1) / (1 − r)) to the log-odds when it accepts — a voter
 * accepts a wrong synthesis only when it made the same mistake — and
 * ln((1 − r) / (1 − (1 − r)/(K − 1))) when it rejects; the confidence is 1 / (1 + e^−L). With two
 * alternatives and a judge prior of 0.5, one accept at 0.9 gives 0.9 and an accept and a reject of
 * equal reliability give 0.5.
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
    int alternatives = (int) Math.max(2, ballot.positions().values().stream().distinct().count());
    double meanVoter = valid.stream().mapToDouble(v -> ballot.weights().reliability(v.agent(), v.confidence()))
        .average().orElse(0.5);
    double total = 0, accepted = 0;
    double logOdds = Posterior.logit(ballot.weights().accuracy(ballot.judge(), meanVoter));
    List<DissentRecord> dissent = new ArrayList<>();
    for (Vote vote : valid) {
      double w = Math.max(0, ballot.weights().weight(vote.agent()));
      boolean accept = vote.choice().equals(Vote.ACCEPT);
      total += w;
      if (accept) accepted += w;
      double r = ballot.weights().reliability(vote.agent(), vote.confidence());
      if (w > 0) logOdds += accept ? Posterior.evidence(r, alternatives) : Posterior.rejectEvidence(r, alternatives);
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
