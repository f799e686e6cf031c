package dev.aragora.server.config;

import java.time.Duration;
import java.util.Map;

/**
 * Memory recall settings (the tiers' TTLs and budgets are fixed by the seeds, see core MemoryTier).
 *
 * @param recallLimit ARAGORA_MEMORY_RECALL_LIMIT (3): most past decisions, and most dissents, recalled
 *     into a new debate's context; 0 turns recall off (debates are still remembered)
 * @param minSimilarity ARAGORA_MEMORY_MIN_SIMILARITY (0.5): least similarity of a past question to the
 *     new one for its decision to be recalled, and the default for GET /api/v2/consensus/similar
 * @param sweepInterval ARAGORA_MEMORY_SWEEP_INTERVAL in seconds (30): how often expired entries are
 *     demoted or deleted
 */
public record MemoryConfig(int recallLimit, double minSimilarity, Duration sweepInterval) {
  public MemoryConfig {
    if (recallLimit < 0 || recallLimit > 20) throw new IllegalArgumentException("recallLimit must be 0 to 20");
    if (!(minSimilarity >= 0 && minSimilarity <= 1)) throw new IllegalArgumentException("minSimilarity must be 0 to 1");
    if (sweepInterval.isNegative() || sweepInterval.isZero())
      throw new IllegalArgumentException("sweepInterval must be positive");
  }

  public static MemoryConfig fromEnvironment(Map<String, String> env) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    return new MemoryConfig(
        e.integer("ARAGORA_MEMORY_RECALL_LIMIT", 3, 0, 20),
        fraction(env, "ARAGORA_MEMORY_MIN_SIMILARITY", 0.5),
        Duration.ofSeconds(e.integer("ARAGORA_MEMORY_SWEEP_INTERVAL", 30, 1, 86_400)));
  }

  private static double fraction(Map<String, String> env, String name, double fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) return fallback;
    try {
      double d = Double.parseDouble(v.strip());
      if (!(d >= 0 && d <= 1)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException(name + " must be a number from 0 to 1, got '" + v + "'");
    }
  }
}
