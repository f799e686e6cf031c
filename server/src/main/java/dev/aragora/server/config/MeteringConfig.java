package dev.aragora.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Usage metering, read once from the environment with the seed's names and defaults (deployment
 * guide, "Metering &amp; Usage Tracking").
 *
 * @param enabled ARAGORA_METERING_ENABLED (true): when false nothing is counted and no quota is
 *     enforced (quotas are enforced from the counts); the usage endpoint says so
 * @param flushInterval ARAGORA_METERING_FLUSH_INTERVAL seconds (60): API calls are counted in memory
 *     and added to the database this often (0 = at every request); quota checks add the unflushed count
 * @param backend ARAGORA_METERING_BACKEND (prometheus): where usage is reported besides the database:
 *     prometheus (to the metrics registry's listener) or statsd (UDP lines)
 * @param statsdHost ARAGORA_STATSD_HOST, else STATSD_HOST (localhost): the statsd daemon
 * @param statsdPort ARAGORA_STATSD_PORT, else STATSD_PORT (8125)
 * @param statsdPrefix ARAGORA_STATSD_PREFIX (aragora): the first part of every statsd metric name
 */
public record MeteringConfig(boolean enabled, Duration flushInterval, Backend backend, String statsdHost, int statsdPort,
                             String statsdPrefix) {
  public enum Backend { PROMETHEUS, STATSD }

  public MeteringConfig {
    requireNonNull(flushInterval, "flushInterval is null");
    requireNonNull(backend, "backend is null");
    requireNonNull(statsdHost, "statsdHost is null");
    requireNonNull(statsdPrefix, "statsdPrefix is null");
    if (flushInterval.isNegative()) throw new IllegalArgumentException("flushInterval must not be negative");
    if (statsdPort < 1 || statsdPort > 65_535) throw new IllegalArgumentException("statsdPort must be from 1 to 65535");
  }

  public static MeteringConfig fromEnvironment(Map<String, String> env) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    String host = e.text("ARAGORA_STATSD_HOST", e.text("STATSD_HOST", "localhost"));
    int port = e.integer("ARAGORA_STATSD_PORT", e.integer("STATSD_PORT", 8125, 1, 65_535), 1, 65_535);
    String prefix = e.text("ARAGORA_STATSD_PREFIX", "aragora");
    if (!prefix.matches("[A-Za-z0-9_.-]{1,64}"))
      throw new IllegalArgumentException("ARAGORA_STATSD_PREFIX must be letters, digits, '.', '-' or '_', got '" + prefix + "'");
    return new MeteringConfig(e.bool("ARAGORA_METERING_ENABLED", true),
        Duration.ofSeconds(e.integer("ARAGORA_METERING_FLUSH_INTERVAL", 60, 0, 3600)),
        Backend.valueOf(e.choice("ARAGORA_METERING_BACKEND", "prometheus", "prometheus", "statsd").toUpperCase(Locale.ROOT)),
        host, port, prefix);
  }
}
