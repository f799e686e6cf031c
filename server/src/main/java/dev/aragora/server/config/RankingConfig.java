package dev.aragora.server.config;

import dev.aragora.core.ranking.Elo;
import java.util.Map;

/**
 * The ranking settings, read once from the environment.
 *
 * @param initialElo ARAGORA_ELO_INITIAL: the rating of an agent never seen before (1500)
 * @param kFactor ARAGORA_ELO_K_FACTOR: the most one pair of agents can move a rating per debate (32)
 */
public record RankingConfig(int initialElo, int kFactor) {
  public static RankingConfig fromEnvironment(Map<String, String> env) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    return new RankingConfig(e.integer("ARAGORA_ELO_INITIAL", (int) Elo.DEFAULT_INITIAL, 100, 100_000),
        e.integer("ARAGORA_ELO_K_FACTOR", (int) Elo.DEFAULT_K, 1, 1_000));
  }

  public Elo elo() {
    return new Elo(initialElo, kFactor);
  }
}
