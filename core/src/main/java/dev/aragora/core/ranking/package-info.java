/**
 * Agents that learn: ELO ratings and calibration, as pure math and value types with no storage.
 *
 * <p>{@link dev.aragora.core.ranking.Elo} scores a finished debate ({@link dev.aragora.core.ranking.MatchOutcome});
 * {@link dev.aragora.core.ranking.Calibration} scores vote confidences ({@link dev.aragora.core.ranking.Prediction});
 * {@link dev.aragora.core.ranking.RatingBook} is the in-memory model of ratings, matches, history and
 * predictions that a store mirrors (idempotent per debate id); {@link dev.aragora.core.ranking.RatedWeights}
 * feeds both into weighted consensus and {@link dev.aragora.core.ranking.TeamSelector} into {@code auto_select}.
 * Ratings are kept per {@link dev.aragora.core.agent.AgentIdentity} (provider + model).
 */
package dev.aragora.core.ranking;
