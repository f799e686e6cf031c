package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.ranking.CalibrationSummary;

/** A leaderboard line: the rating in the asked domain and the calibration over the same predictions. */
public record RankedAgent(StoredRating rating, CalibrationSummary calibration) {
  public RankedAgent {
    requireNonNull(rating, "rating is null");
    requireNonNull(calibration, "calibration is null");
  }
}
