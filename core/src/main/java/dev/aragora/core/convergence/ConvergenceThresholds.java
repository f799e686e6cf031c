package dev.aragora.core.convergence;

/**
 * Where the lowest per-agent similarity switches status: at or above {@code converged} the
 * debate has converged; below {@code diverging} it is diverging; in between it is refining.
 * The defaults (0.85 and 0.40) are Aragora's and ai-counsel's.
 */
public record ConvergenceThresholds(double converged, double diverging) {
  public static final ConvergenceThresholds DEFAULTS = new ConvergenceThresholds(0.85, 0.40);

  public ConvergenceThresholds {
    if (!(converged >= 0 && converged <= 1))
      throw new IllegalArgumentException("converged not in [0, 1]: " + converged);
    if (!(diverging >= 0 && diverging <= converged))
      throw new IllegalArgumentException(
          "diverging not in [0, converged=" + converged + "]: " + diverging);
  }
}
