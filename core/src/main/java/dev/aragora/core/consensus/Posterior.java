package dev.aragora.core.consensus;

import dev.aragora.core.debate.Vote;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The confidence of a vote-based decision: the posterior probability that the decided option is
 * the right one, reading every vote as an independent witness.
 *
 * <p>A vote with reliability r (the probability it is right; see {@link VoteWeights#reliability})
 * among K options is, by Bayes, evidence e = ln(r (K − 1) / (1 − r)) for its option: the
 * likelihood ratio of "this option is right" against "it is one of the K − 1 wrong ones, which a
 * wrong vote picks evenly". With a uniform prior over the options, an option's posterior is
 * exp(S_o) / Σ_o' exp(S_o'), S_o = Σ of the evidence of the votes for o; options nobody voted for
 * keep S = 0. This is the Bayes-optimal vote for independent agents (Nitzan–Paroush), so the
 * weighted mode decides by the same evidence.
 *
 * <p>Reliability is clamped to [1/K, {@link #MAX_RELIABILITY}]: a vote at or below chance is no
 * evidence, and no single vote is certainty. Votes are not independent when agents copy each
 * other (a shared wrong answer), so the posterior is then overconfident; see the README's
 * calibration figures.
 */
public final class Posterior {
  /** The most any one vote is trusted to be right: one vote alone never gives more than this. */
  static final double MAX_RELIABILITY = 0.99;

  private Posterior() {}

  /** ln(r (K − 1) / (1 − r)) with r clamped to [1/K, {@link #MAX_RELIABILITY}]; 0 for K &lt; 2. */
  static double evidence(double reliability, int options) {
    if (options < 2) return 0;
    if (!(reliability * options > 1)) return 0;
    double r = Math.min(MAX_RELIABILITY, reliability);
    return Math.log(r * (options - 1) / (1 - r));
  }

  /**
   * Every option's posterior probability of being the right one, given the votes for them (votes
   * for anything else, and votes of weight 0, are ignored), with each voter's reliability from
   * {@code weights}: the confidence a vote-based mode reports for whichever option it picks. The
   * ranking reads it to score votes when there is no ground truth.
   */
  public static Map<String, Double> of(List<Vote> votes, List<String> options, VoteWeights weights) {
    Tally tally = Tally.count(votes, options, weights, false);
    Map<String, Double> out = new LinkedHashMap<>();
    for (String option : options) out.put(option, of(option, tally.evidence, options.size()));
    return out;
  }

  /** exp(S_winner) / Σ exp(S_o) over {@code options} options, of which {@code evidence} lists those with votes. */
  static double of(String winner, Map<String, Double> evidence, int options) {
    if (options < 2) return 1;
    double top = evidence.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    top = Math.max(top, 0);
    double norm = (options - evidence.size()) * Math.exp(-top);
    for (double s : evidence.values()) norm += Math.exp(s - top);
    return Math.exp(evidence.getOrDefault(winner, 0.0) - top) / norm;
  }

  /**
   * How far a reject moves the log-odds that a proposed answer is right: ln(P(reject | right) ÷
   * P(reject | wrong)) = ln((1 − r) ÷ (1 − (1 − r)/(K − 1))) for a voter right with probability r
   * whose errors spread evenly over the other K − 1 answers (a voter rejects a right answer when it
   * is wrong itself, and accepts a wrong one only when it made the same mistake). Negative; for
   * K = 2 it is −ln(r / (1 − r)). 0 at or below chance.
   */
  static double rejectEvidence(double reliability, int options) {
    if (options < 2) return 0;
    if (!(reliability * options > 1)) return 0;
    double r = Math.min(MAX_RELIABILITY, reliability);
    return Math.log((1 - r) / (1 - (1 - r) / (options - 1)));
  }

  /** ln(p / (1 − p)) with p clamped to [1 − MAX, MAX]. */
  static double logit(double probability) {
    double p = Math.clamp(probability, 1 - MAX_RELIABILITY, MAX_RELIABILITY);
    return Math.log(p / (1 - p));
  }

  /** σ(L): the probability of a yes/no claim from its log-odds. */
  static double logistic(double logOdds) {
    return 1 / (1 + Math.exp(-logOdds));
  }
}
