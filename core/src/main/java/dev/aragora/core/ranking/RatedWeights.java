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
 *
 * <p>{@linkplain #reliability Reliability} — how likely a vote is to be right, from which the
 * reported confidence and the weighted mode's evidence are computed — is the stated confidence
 * lowered by the agent's measured overconfidence:
 * <pre>
 *   r = clamp(c − evidence(n) · max(0, mean confidence − accuracy), 0, 1)
 * </pre>
 * over its recorded predictions, so an agent that says 0.9 and is right 70% of the time has its
 * 0.9 read as about 0.7. There is no ground truth in a debate: a prediction came true when the
 * vote agreed with the decision ({@link VotePredictions}). That yardstick is lenient — an agent's
 * own vote pulls the decision its way (in a team of three a weak agent is often the deciding
 * vote), and agents that share a wrong answer win together — so agreement overstates accuracy. A
 * record can therefore prove an agent overconfident but not underconfident: confidence is only
 * ever lowered. (Raising it too made small honest teams worse in the simulation: a 0.6 agent of
 * three agreed with the decision 73% of the time and came to outweigh the 0.85 one.)
 */
public final class RatedWeights implements VoteWeights {
  public static final double MIN_RATING_FACTOR = 0.5;
  public static final double MAX_RATING_FACTOR = 2.0;

  private final Map<String, Double> weights;
  private final Map<String, CalibrationSummary> calibrations;

  private RatedWeights(Map<String, Double> weights, Map<String, CalibrationSummary> calibrations) {
    this.weights = weights;
    this.calibrations = calibrations;
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
    Map<String, CalibrationSummary> calibrations = new LinkedHashMap<>();
    agents.forEach((name, identity) -> {
      Optional<AgentStanding> standing = standings.apply(identity);
      weights.put(name, standing.map(s -> weightOf(s, initialElo)).orElse(1.0));
      calibrations.put(name, standing.map(AgentStanding::calibration).orElse(CalibrationSummary.NONE));
    });
    return new RatedWeights(weights, calibrations);
  }

  /**
   * Weights for any debate, for {@code Arena}'s single {@link VoteWeights}: the agent name
   * ({@code openai-api:gpt-4o}, {@code demo#2}) gives the identity ({@link AgentIdentity#ofName}),
   * and its standing is looked up when the vote is counted. A name that names no agent spec weighs 1.
   */
  public static VoteWeights byAgentName(Function<AgentIdentity, Optional<AgentStanding>> standings, double initialElo) {
    requireNonNull(standings, "standings is null");
    return new VoteWeights() {
      @Override
      public double weight(String agent) {
        return standing(agent).map(s -> weightOf(s, initialElo)).orElse(1.0);
      }

      @Override
      public double reliability(String agent, double confidence) {
        return reliabilityOf(standing(agent).map(AgentStanding::calibration).orElse(CalibrationSummary.NONE),
            confidence);
      }

      private Optional<AgentStanding> standing(String agent) {
        AgentIdentity identity;
        try {
          identity = AgentIdentity.ofName(agent);
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
        return standings.apply(identity);
      }
    };
  }

  /**
   * How likely a vote stated at {@code confidence} is to be right, given the voter's calibration:
   * see the class comment. Neutral (the confidence itself) below ten predictions.
   */
  public static double reliabilityOf(CalibrationSummary calibration, double confidence) {
    double evidence = Calibration.evidence(calibration.predictions());
    double overconfidence = Math.max(0, calibration.meanConfidence() - calibration.accuracy());
    return clamp(confidence - evidence * overconfidence, 0, 1);
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

  /** The agent's stated confidence corrected by its track record; see the class comment. */
  @Override
  public double reliability(String agent, double confidence) {
    return reliabilityOf(calibrations.getOrDefault(agent, CalibrationSummary.NONE), confidence);
  }

  /** Every agent's weight, in the order given. */
  public Map<String, Double> asMap() {
    return Collections.unmodifiableMap(weights);
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }
}
