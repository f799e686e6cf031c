package dev.aragora.server.config;

import java.util.Locale;
import java.util.Map;

/**
 * How the process logs, to stderr.
 *
 * @param json ARAGORA_LOG_FORMAT (ours): {@code json} writes one JSON object a line (timestamp, level,
 *     logger, thread, message, trace_id/span_id/debate_id inside a debate, exception as a string),
 *     {@code text} a plain line; default json when ARAGORA_ENV is {@code production}, else text
 * @param level ARAGORA_LOG_LEVEL (ours): trace, debug, info, warn or error; default info in
 *     production, else warn
 */
public record LoggingConfig(boolean json, String level) {
  public LoggingConfig {
    if (!java.util.List.of("trace", "debug", "info", "warn", "error").contains(level))
      throw new IllegalArgumentException("unknown log level " + level);
  }

  public static LoggingConfig fromEnvironment(Map<String, String> env) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    boolean production = e.text("ARAGORA_ENV", "development").toLowerCase(Locale.ROOT).equals("production");
    return new LoggingConfig(e.choice("ARAGORA_LOG_FORMAT", production ? "json" : "text", "json", "text").equals("json"),
        e.choice("ARAGORA_LOG_LEVEL", production ? "info" : "warn", "trace", "debug", "info", "warn", "error"));
  }
}
