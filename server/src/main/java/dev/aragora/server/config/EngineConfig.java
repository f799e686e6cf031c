package dev.aragora.server.config;

import dev.aragora.core.convergence.EmbeddingCache;
import dev.aragora.core.debate.DebateLimits;
import dev.aragora.core.debate.DebateRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The engine's settings, read once from the environment with the seeds' names and defaults.
 *
 * @param maxAgents ARAGORA_MAX_AGENTS_PER_DEBATE (10)
 * @param maxRounds ARAGORA_MAX_ROUNDS (12)
 * @param defaultRounds ARAGORA_DEFAULT_ROUNDS (3)
 * @param agentTimeout ARAGORA_AGENT_TIMEOUT in seconds (240)
 * @param debateTimeout ARAGORA_DEBATE_TIMEOUT in seconds (1200)
 * @param fallbackEnabled ARAGORA_OPENROUTER_FALLBACK_ENABLED (true)
 * @param similarityBackend ARAGORA_SIMILARITY_BACKEND: auto, embedding or tfidf (auto)
 * @param defaultAgents ARAGORA_DEFAULT_AGENTS: the team when none is named (three demo personas)
 * @param embeddingCache ARAGORA_EMBEDDING_CACHE_SIZE (1000 answers) and ARAGORA_EMBEDDING_CACHE_TTL
 *     in seconds (86400): the similarity backend's cache of answers' embeddings
 */
public record EngineConfig(int maxAgents, int maxRounds, int defaultRounds, Duration agentTimeout,
                           Duration debateTimeout, boolean fallbackEnabled, String similarityBackend,
                           String defaultAgents, EmbeddingCache embeddingCache) {
  public static final String DEMO_TEAM = "demo:pragmatist,demo:skeptic,demo:economist";

  public EngineConfig {
    if (defaultRounds < 1 || defaultRounds > maxRounds)
      throw new IllegalArgumentException("ARAGORA_DEFAULT_ROUNDS must be between 1 and ARAGORA_MAX_ROUNDS (" + maxRounds + ")");
  }

  public static EngineConfig fromEnvironment(Map<String, String> env) {
    Env e = new Env(env);
    int maxRounds = e.integer("ARAGORA_MAX_ROUNDS", 12, 1, 100);
    return new EngineConfig(
        e.integer("ARAGORA_MAX_AGENTS_PER_DEBATE", 10, 2, 100),
        maxRounds,
        e.integer("ARAGORA_DEFAULT_ROUNDS", Math.min(DebateRequest.DEFAULT_ROUNDS, maxRounds), 1, 100),
        Duration.ofSeconds(e.integer("ARAGORA_AGENT_TIMEOUT", 240, 1, 86_400)),
        Duration.ofSeconds(e.integer("ARAGORA_DEBATE_TIMEOUT", 1200, 1, 86_400)),
        e.bool("ARAGORA_OPENROUTER_FALLBACK_ENABLED", true),
        e.choice("ARAGORA_SIMILARITY_BACKEND", "auto", "auto", "embedding", "tfidf"),
        e.text("ARAGORA_DEFAULT_AGENTS", DEMO_TEAM),
        new EmbeddingCache(e.integer("ARAGORA_EMBEDDING_CACHE_SIZE", EmbeddingCache.DEFAULT.size(), 1, 1_000_000),
            Duration.ofSeconds(e.integer("ARAGORA_EMBEDDING_CACHE_TTL", (int) EmbeddingCache.DEFAULT.ttl().toSeconds(),
                1, 31_536_000))));
  }

  public DebateLimits limits() {
    return new DebateLimits(maxAgents, maxRounds);
  }

  /** Typed reads of environment variables; a bad value fails with one line naming the variable. */
  static final class Env {
    private final Map<String, String> env;

    Env(Map<String, String> env) {
      this.env = env;
    }

    String text(String name, String fallback) {
      String v = env.get(name);
      return v == null || v.isBlank() ? fallback : v.strip();
    }

    int integer(String name, int fallback, int min, int max) {
      String v = env.get(name);
      if (v == null || v.isBlank()) return fallback;
      try {
        int n = Integer.parseInt(v.strip());
        if (n < min || n > max) throw new NumberFormatException();
        return n;
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
      }
    }

    boolean bool(String name, boolean fallback) {
      String v = env.get(name);
      if (v == null || v.isBlank()) return fallback;
      return switch (v.strip().toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes", "on" -> true;
        case "false", "0", "no", "off" -> false;
        default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
      };
    }

    String choice(String name, String fallback, String... allowed) {
      String v = text(name, fallback).toLowerCase(Locale.ROOT);
      for (String a : allowed) if (a.equals(v)) return v;
      throw new IllegalArgumentException(name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }
  }
}
