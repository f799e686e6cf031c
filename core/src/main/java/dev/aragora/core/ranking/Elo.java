package dev.aragora.core.ranking;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The ELO update for a debate: every pair of participants is one game.
 *
 * <p>For agents a and b with ratings Ra, Rb and match scores s_a, s_b (see
 * {@link MatchOutcome#score}): expected E_a = 1 / (1 + 10^((Rb − Ra) / 400)), actual
 * A_a = s_a / (s_a + s_b) (0.5 when both are 0), and a's change from the pair is K·(A_a − E_a).
 * An agent's change is the sum over its pairs, all computed from the ratings before the match.
 *
 * <p>Unlike the original, no calibration multiplier scales the change: the update stays zero-sum
 * (ratings neither inflate nor deflate), and calibration acts once, through vote weights
 * ({@link RatedWeights}), instead of twice.
 *
 * @param initial the rating of an agent never seen before (ARAGORA_ELO_INITIAL)
 * @param k the most one pair can move a rating (ARAGORA_ELO_K_FACTOR)
 */
public record Elo(double initial, double k) {
  public static final double DEFAULT_INITIAL = 1500;
  public static final double DEFAULT_K = 32;

  public Elo {
    if (!(initial > 0) || Double.isInfinite(initial)) throw new IllegalArgumentException("initial must be positive: " + initial);
    if (!(k > 0) || Double.isInfinite(k)) throw new IllegalArgumentException("k must be positive: " + k);
  }

  /** 1500 and 32, the original's defaults. */
  public static Elo standard() {
    return new Elo(DEFAULT_INITIAL, DEFAULT_K);
  }

  /** The score a player rated {@code ra} is expected to take from one rated {@code rb}, in (0, 1). */
  public static double expected(double ra, double rb) {
    return 1 / (1 + Math.pow(10, (rb - ra) / 400));
  }

  /** a's share of a pair's score: s_a / (s_a + s_b), or 0.5 when neither scored. */
  public static double actual(double sa, double sb) {
    return sa + sb == 0 ? 0.5 : sa / (sa + sb);
  }

  /**
   * Each participant's rating change, in participant order. Empty for an unrated match (no
   * winner). {@code rating} gives the current rating of an identity ({@link #initial} if unknown).
   */
  public Map<AgentIdentity, Double> changes(MatchOutcome match, ToDoubleFunction<AgentIdentity> rating) {
    requireNonNull(match, "match is null");
    requireNonNull(rating, "rating is null");
    if (!match.rated()) return Map.of();
    List<AgentIdentity> players = match.participants();
    Map<AgentIdentity, Double> changes = new LinkedHashMap<>();
    for (AgentIdentity p : players) changes.put(p, 0.0);
    for (int i = 0; i < players.size(); i++) {
      for (int j = i + 1; j < players.size(); j++) {
        AgentIdentity a = players.get(i);
        AgentIdentity b = players.get(j);
        double delta = k * (actual(match.score(a), match.score(b))
            - expected(rating.applyAsDouble(a), rating.applyAsDouble(b)));
        changes.merge(a, delta, Double::sum);
        changes.merge(b, -delta, Double::sum);
      }
    }
    return changes;
  }
}
