package dev.aragora.core.consensus;

/** How much one agent's vote counts. The ranking feature feeds ELO/calibration weights here. */
@FunctionalInterface
public interface VoteWeights {
  VoteWeights EQUAL = agent -> 1.0;

  /** A positive weight for {@code agent}'s vote. */
  double weight(String agent);
}
