package dev.aragora.core.consensus;

import dev.aragora.core.debate.DissentRecord;
import dev.aragora.core.debate.Vote;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Weighted vote counting shared by the vote-based strategies. */
final class Tally {
  final Map<String, Double> support = new LinkedHashMap<>();
  final Map<String, Double> confidentSupport = new LinkedHashMap<>();
  /** Σ of the {@linkplain Posterior#evidence evidence} of the votes for each option (votes of weight 0 excluded). */
  final Map<String, Double> evidence = new LinkedHashMap<>();
  final List<Vote> valid = new ArrayList<>();
  double totalWeight;

  /**
   * Counts votes whose choice is one of {@code options}. With {@code byEvidence} a vote's mass is
   * weight × its {@linkplain Posterior#evidence evidence} (from its reliability); otherwise it is
   * the weight alone.
   */
  static Tally count(List<Vote> votes, List<String> options, VoteWeights weights, boolean byEvidence) {
    Tally t = new Tally();
    for (String option : options) {
      t.support.put(option, 0.0);
      t.confidentSupport.put(option, 0.0);
      t.evidence.put(option, 0.0);
    }
    for (Vote vote : votes) {
      if (!t.support.containsKey(vote.choice())) continue;
      double w = Math.max(0, weights.weight(vote.agent()));
      double e = Posterior.evidence(weights.reliability(vote.agent(), vote.confidence()), options.size());
      if (w > 0) t.evidence.merge(vote.choice(), e, Double::sum);
      double mass = byEvidence ? w * e : w;
      t.valid.add(vote);
      t.totalWeight += mass;
      t.support.merge(vote.choice(), mass, Double::sum);
      t.confidentSupport.merge(vote.choice(), w * vote.confidence(), Double::sum);
    }
    return t;
  }

  /** The option with most support; ties go to more confident support, then to debate order. */
  String leader(List<String> order) {
    return order.stream()
        .max(Comparator.<String>comparingDouble(o -> support.get(o))
            .thenComparingDouble(o -> confidentSupport.get(o))
            .thenComparing(o -> -order.indexOf(o)))
        .orElse("");
  }

  double share(String option) {
    return totalWeight == 0 ? 0 : support.getOrDefault(option, 0.0) / totalWeight;
  }

  boolean tiedAtTop(String leader) {
    double top = support.getOrDefault(leader, 0.0);
    return support.entrySet().stream().filter(e -> !e.getKey().equals(leader)).anyMatch(e -> e.getValue() == top);
  }

  Map<String, Double> sortedShares() {
    Map<String, Double> out = new LinkedHashMap<>();
    support.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> out.put(e.getKey(), round(totalWeight == 0 ? 0 : e.getValue() / totalWeight)));
    return out;
  }

  long distinctChoices() {
    return valid.stream().map(Vote::choice).distinct().count();
  }

  List<DissentRecord> dissentFrom(String winner, Map<String, String> positions) {
    List<DissentRecord> out = new ArrayList<>();
    for (Vote vote : valid) {
      if (vote.choice().equals(winner)) continue;
      out.add(new DissentRecord(vote.agent(), positions.getOrDefault(vote.agent(), ""), vote.choice(),
          vote.confidence(), vote.reasoning()));
    }
    return out;
  }

  static String strength(double share, long distinctChoices) {
    if (distinctChoices == 1) return "unanimous";
    if (share >= 0.75) return "strong";
    if (share > 0.5) return "medium";
    return "weak";
  }

  static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
