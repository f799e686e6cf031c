package dev.aragora.server.config;

import java.util.Map;

/**
 * What the server tells operators about itself, beyond its logs and traces.
 *
 * @param metricsEnabled ARAGORA_ENABLE_TELEMETRY (true): false takes the Prometheus endpoint,
 *     /metrics, away (it answers 404 like any unknown path)
 * @param memoryProfiling ARAGORA_MEMORY_PROFILING (false): true logs a memory report (heap,
 *     non-heap, direct buffers, resident set, threads, garbage collection) at start and every minute
 */
public record TelemetryConfig(boolean metricsEnabled, boolean memoryProfiling) {
  public static TelemetryConfig fromEnvironment(Map<String, String> env) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    return new TelemetryConfig(e.bool("ARAGORA_ENABLE_TELEMETRY", true), e.bool("ARAGORA_MEMORY_PROFILING", false));
  }
}
