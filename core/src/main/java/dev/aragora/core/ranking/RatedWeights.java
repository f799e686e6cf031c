package dev.aragora.core.ranking;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.consensus.VoteWeights;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Vote weights from ELO and calibration, fixed when the debate starts:
 * <pre>
 *   w = clamp(elo / initial, 0.5, 2) × (1 + evidence(n) · (0.5 − 2 · brier))
 * </pre>
 * with the calibration factor clamped to [0.5, 1.5]. The rating factor makes an agent rated 1800
 * (with initial 1500) count 1.2 votes, and caps any agent at between half and twice a vote. The
 * calibration factor is neutral (1) for an agent with fewer than ten predictions (evidence 0) and
 * for one whose Brier score is 0.25, i.e. no better than a coin flip stated at 0.5; a perfectly
 * calibrated agent with fifty or more predictions gets 1.5, a Brier of 0.5 or worse gets 0.5.
 * {@link Calibration#evidence} is the same ramp the calibration score uses, so the factor grows as
 * evidence accrues instead of jumping at the tenth prediction. Agents with no standing weigh 1.
 */
public final class RatedWeights implements VoteWeights {
  public static final double MIN_RATING_FACTOR = 0.5;
  public static final double MAX_RATING_FACTOR = 2.0;

  private final Map<String, Double> weights;

  private RatedWeights(Map<String, Double> weights) {
    this.weights = weights;
  }

  /**
   * Weights for one debate's agents.
   *
   * @param agents each agent name in the debate → its identity
   * @param standings what is known of an identity (empty for never seen)
   * @param initialElo the rating an unknown agent starts at (ARAGORA_ELO_INITIAL)
   */
  public static RatedWeights of(Map<String, AgentIdentity> agents,
                                Function<AgentIdentity, Optional<AgentStanding>> standings, double initialElo) {
    requireNonNull(agents, "agents is null");
    requireNonNull(standings, "standings is null");
    Map<String, Double> weights = new LinkedHashMap<>();
    agents.forEach((name, identity) ->
        weights.put(name, standings.apply(identity).map(s -> weightOf(s, initialElo)).orElse(1.0)));
    return new RatedWeights(weights);
  }

  /**
   * Weights for any debate, for {@code Arena}'s single {@link VoteWeights}: the agent name
   * ({@code openai-api:gpt-4o}, {@code demo#2}) gives the identity ({@link AgentIdentity#ofName}),
   * and its standing is looked up when the vote is counted. A name that names no agent spec weighs 1.
   */
  public static VoteWeights byAgentName(Function<AgentIdentity, Optional<AgentStanding>> standings, double initialElo) {
    requireNonNull(standings, "standings is null");
    return agent -> {
      AgentIdentity identity;
      try {
        identity = AgentIdentity.ofName(agent);
      } catch (IllegalArgumentException e) {
        return 1.0;
      }
      return standings.apply(identity).map(s -> weightOf(s, initialElo)).orElse(1.0);
    };
  }

  /** The weight of one agent's vote; see the class comment for the formula. */
  public static double weightOf(AgentStanding standing, double initialElo) {
    return ratingFactor(standing.elo(), initialElo) * calibrationFactor(standing.calibration());
  }

  static double ratingFactor(double elo, double initialElo) {
    return clamp(elo / initialElo, MIN_RATING_FACTOR, MAX_RATING_FACTOR);
  }

  static double calibrationFactor(CalibrationSummary calibration) {
    double evidence = Calibration.evidence(calibration.predictions());
    return clamp(1 + evidence * (0.5 - 2 * calibration.brier()), 0.5, 1.5);
  }

  /** The agent's weight; 1 for an agent this debate did not name. */
  @Override
  public double weight(String agent) {
    return weights.getOrDefault(agent, 1.0);
  }

  /** Every agent's weight, in the order given. */
  public Map<String, Double> asMap() {
    return Collections.unmodifiableMap(weights);
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }
}
