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
 * Vote weights and reliabilities from an agent's rating and track record, fixed when the debate
 * starts.
 *
 * <p>The {@linkplain #weight weight} of a vote is the rating factor clamp(elo / initial, 0.5, 2): an
 * agent rated 1800 (with initial 1500) counts 1.2 votes, and any agent between half and twice a
 * vote. Agents with no standing weigh 1.
 *
 * <p>{@linkplain #reliability Reliability} — how likely a vote is to be right, from which the
 * reported confidence and the weighted mode's evidence are computed — is the stated confidence c
 * corrected by the agent's measured bias, the mean of its outcomes minus the mean of its stated
 * confidences over its n recorded predictions:
 * <pre>
 *   r = clamp(c + evidence(n) · shrink(accuracy − mean confidence), 0, 1)
 *   shrink(b) = sign(b) · max(0, |b| − 2 · se),  se = √((brier − b²) / n)
 * </pre>
 * An agent that says 0.9 and is right 70% of the time has its 0.9 read as about 0.7, and one that
 * says 0.55 and is right 90% of the time has it read as about 0.9. There is no ground truth in a
 * debate: a prediction's outcome is the probability that the vote was right given the debate's
 * votes ({@link VotePredictions}), whose mean tracks the agent's accuracy however it states its
 * confidence. A few hundred debates still leave that mean a few points off (se is the standard
 * error of the bias, brier − b² the variance of outcome − confidence), so a record corrects an
 * agent only by what it shows beyond two standard errors: an agent is taken at its word unless its
 * record clearly says otherwise. {@link Calibration#evidence} (0 below ten predictions, ½ at ten,
 * 1 from fifty) keeps a handful of predictions from moving it at all. An agent that states no
 * confidence (a judge writing a synthesis) is as likely to be right as its corrected mean
 * confidence ({@link #accuracyOf}).
 *
 * <p>Calibration used to scale the weight as well (by 0.5–1.5 from the Brier score). Now that it
 * sets the reliability, and so each vote's evidence, scaling the weight too would count it twice
 * and move the weighted vote away from the Bayes-optimal one.
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
        return reliabilityOf(calibration(agent), confidence);
      }

      @Override
      public double accuracy(String agent, double otherwise) {
        return accuracyOf(calibration(agent), otherwise);
      }

      private CalibrationSummary calibration(String agent) {
        return standing(agent).map(AgentStanding::calibration).orElse(CalibrationSummary.NONE);
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
    return clamp(confidence + bias(calibration), 0, 1);
  }

  /**
   * How likely an agent that states no confidence is to be right: its mean stated confidence
   * corrected as in the class comment, blended with {@code otherwise} while the record is short
   * (all {@code otherwise} below ten predictions, none from fifty).
   */
  public static double accuracyOf(CalibrationSummary calibration, double otherwise) {
    double evidence = Calibration.evidence(calibration.predictions());
    double own = clamp(calibration.meanConfidence() + shrunkBias(calibration), 0, 1);
    return evidence * own + (1 - evidence) * otherwise;
  }

  /** evidence(n) · shrink(accuracy − mean confidence): what a record adds to a stated confidence. */
  static double bias(CalibrationSummary calibration) {
    return Calibration.evidence(calibration.predictions()) * shrunkBias(calibration);
  }

  /** shrink(accuracy − mean confidence); 0 with no predictions. */
  static double shrunkBias(CalibrationSummary calibration) {
    int n = calibration.predictions();
    if (n == 0) return 0;
    double b = calibration.accuracy() - calibration.meanConfidence();
    double standardError = Math.sqrt(Math.max(0, calibration.brier() - b * b) / n);
    return Math.signum(b) * Math.max(0, Math.abs(b) - 2 * standardError);
  }

  /** The weight of one agent's vote: its rating factor (see the class comment). */
  public static double weightOf(AgentStanding standing, double initialElo) {
    return ratingFactor(standing.elo(), initialElo);
  }

  static double ratingFactor(double elo, double initialElo) {
    return clamp(elo / initialElo, MIN_RATING_FACTOR, MAX_RATING_FACTOR);
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

  /** The agent's measured accuracy; see {@link #accuracyOf}. */
  @Override
  public double accuracy(String agent, double otherwise) {
    return accuracyOf(calibrations.getOrDefault(agent, CalibrationSummary.NONE), otherwise);
  }

  /** Every agent's weight, in the order given. */
  public Map<String, Double> asMap() {
    return Collections.unmodifiableMap(weights);
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }
}
