package dev.aragora.server.config;

import java.time.Duration;
import java.util.Map;

/**
 * The HTTP server's settings, read once from the environment with the seeds' names and defaults.
 *
 * @param port PORT, else ARAGORA_PORT (8080); 0 picks a free port
 * @param maxConcurrentDebates ARAGORA_MAX_CONCURRENT_DEBATES (10)
 * @param maxBodyBytes largest accepted request body (1 MiB)
 * @param maxQueuedDebates ARAGORA_MAX_QUEUED_DEBATES (100): debates that may wait for a slot before
 *     new ones are refused with 503 and Retry-After; 0 refuses every debate that cannot start at once
 * @param shutdownTimeout ARAGORA_SHUTDOWN_TIMEOUT in seconds (30): how long a stop may take, in all —
 *     requests in flight finish and running debates are checkpointed (left queued, to resume) within it
 */
public record ServerConfig(int port, int maxConcurrentDebates, long maxBodyBytes, int maxQueuedDebates,
                           Duration shutdownTimeout) {
  public static final int DEFAULT_PORT = 8080;
  public static final long MAX_BODY_BYTES = 1024 * 1024;
  public static final int DEFAULT_MAX_QUEUED = 100;
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  public ServerConfig {
    if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
    if (maxConcurrentDebates < 1) throw new IllegalArgumentException("ARAGORA_MAX_CONCURRENT_DEBATES must be at least 1");
    if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes must be positive");
    if (maxQueuedDebates < 0) throw new IllegalArgumentException("ARAGORA_MAX_QUEUED_DEBATES must not be negative");
    if (shutdownTimeout == null || shutdownTimeout.isNegative() || shutdownTimeout.isZero())
      throw new IllegalArgumentException("ARAGORA_SHUTDOWN_TIMEOUT must be positive");
  }

  public ServerConfig(int port, int maxConcurrentDebates, long maxBodyBytes) {
    this(port, maxConcurrentDebates, maxBodyBytes, DEFAULT_MAX_QUEUED, DEFAULT_SHUTDOWN_TIMEOUT);
  }

  public static ServerConfig fromEnvironment(Map<String, String> env) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    int port = e.integer("PORT", e.integer("ARAGORA_PORT", DEFAULT_PORT, 0, 65_535), 0, 65_535);
    return new ServerConfig(port, e.integer("ARAGORA_MAX_CONCURRENT_DEBATES", 10, 1, 10_000), MAX_BODY_BYTES,
        e.integer("ARAGORA_MAX_QUEUED_DEBATES", DEFAULT_MAX_QUEUED, 0, 1_000_000),
        Duration.ofSeconds(e.integer("ARAGORA_SHUTDOWN_TIMEOUT", (int) DEFAULT_SHUTDOWN_TIMEOUT.toSeconds(), 1, 3600)));
  }

  public ServerConfig withPort(int value) {
    return new ServerConfig(value, maxConcurrentDebates, maxBodyBytes, maxQueuedDebates, shutdownTimeout);
  }
}
