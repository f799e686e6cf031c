package dev.aragora.core.ranking;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.agent.AgentSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code auto_select}: picks a debate team from candidate agents by what is known of them.
 *
 * <p>Candidates that cannot run ({@code available} false, e.g. a missing API key) are skipped.
 * The rest are ordered by {@link #merit} (rating factor × calibration factor), then by rating,
 * then by calibration score, then by their position in the candidate list, so the choice is
 * deterministic. An identity is picked at most once: a team of one model twice adds no second
 * opinion. Unknown agents stand at the initial rating with neutral calibration, so a new model
 * competes with average ones.
 */
public final class TeamSelector {
  private TeamSelector() {}

  /**
   * Up to {@code size} agents, best first; fewer when fewer candidates are available.
   *
   * @param standings what is known of an identity (empty for never seen)
   * @param initialElo the rating an unknown agent starts at (ARAGORA_ELO_INITIAL)
   */
  public static List<AgentSpec> select(List<AgentSpec> candidates, int size,
                                       Function<AgentIdentity, Optional<AgentStanding>> standings,
                                       Predicate<AgentSpec> available, double initialElo) {
    requireNonNull(candidates, "candidates is null");
    requireNonNull(standings, "standings is null");
    requireNonNull(available, "available is null");
    if (size < 1) throw new IllegalArgumentException("team size must be at least 1: " + size);
    record Ranked(AgentSpec spec, AgentIdentity identity, AgentStanding standing, int position) {}
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      AgentSpec spec = candidates.get(i);
      if (!available.test(spec)) continue;
      AgentIdentity identity = AgentIdentity.of(spec);
      AgentStanding standing = standings.apply(identity)
          .orElseGet(() -> new AgentStanding(identity, initialElo, CalibrationSummary.NONE));
      ranked.add(new Ranked(spec, identity, standing, i));
    }
    ranked.sort(Comparator.comparingDouble((Ranked r) -> merit(r.standing(), initialElo)).reversed()
        .thenComparing(Comparator.comparingDouble((Ranked r) -> r.standing().elo()).reversed())
        .thenComparing(Comparator.comparingDouble((Ranked r) -> r.standing().calibration().score()).reversed())
        .thenComparingInt(Ranked::position));
    Set<AgentIdentity> picked = new HashSet<>();
    List<AgentSpec> team = new ArrayList<>();
    for (Ranked r : ranked) {
      if (team.size() == size) break;
      if (picked.add(r.identity())) team.add(r.spec());
    }
    return List.copyOf(team);
  }

  /**
   * How good a candidate looks: its {@linkplain RatedWeights#weightOf vote weight} (the rating
   * factor) × a calibration factor 1 + evidence(n) · (0.5 − 2 · brier), clamped to [0.5, 1.5]. The
   * factor is neutral (1) below ten predictions and for a Brier score of 0.25 (a coin flip stated at
   * 0.5); a perfect record of fifty or more predictions gives 1.5, a Brier of 0.5 or worse 0.5.
   */
  static double merit(AgentStanding standing, double initialElo) {
    CalibrationSummary calibration = standing.calibration();
    double evidence = Calibration.evidence(calibration.predictions());
    double calibrationFactor = Math.clamp(1 + evidence * (0.5 - 2 * calibration.brier()), 0.5, 1.5);
    return RatedWeights.weightOf(standing, initialElo) * calibrationFactor;
  }
}
