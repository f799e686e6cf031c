package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.ranking.CalibrationSummary;
import dev.aragora.core.ranking.RatingChange;
import java.util.List;
import java.util.Map;

/**
 * What is stored of one identity: its overall rating, its rating in each domain it played, its
 * calibration overall and per domain, and its latest history rows and matches (newest first).
 */
public record AgentProfile(StoredRating overall, List<StoredRating> domains, CalibrationSummary calibration,
                           Map<String, CalibrationSummary> calibrationByDomain, List<RatingChange> history,
                           List<StoredMatch> recentMatches) {
  public AgentProfile {
    requireNonNull(overall, "overall is null");
    requireNonNull(calibration, "calibration is null");
    domains = List.copyOf(domains);
    calibrationByDomain = Map.copyOf(calibrationByDomain);
    history = List.copyOf(history);
    recentMatches = List.copyOf(recentMatches);
  }
}
