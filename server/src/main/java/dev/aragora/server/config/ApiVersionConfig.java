package dev.aragora.server.config;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * API versioning (deployment guide, "API Versioning"), read once from the environment.
 *
 * @param current ARAGORA_API_VERSION (v2): the current version, v1 or v2. Versions older than it,
 *     and unversioned /api requests (which are v1), are deprecated; v1 (the seeds' rollback) makes
 *     nothing deprecated
 * @param legacyEnabled ARAGORA_API_LEGACY_ENABLED (true): deprecated requests are served; false answers them 410
 * @param v1Sunset ARAGORA_API_V1_SUNSET (2026-12-31): the last day v1 is promised (the Sunset header)
 * @param v1Deprecated ARAGORA_API_V1_DEPRECATED (2026-01-01, not in the seeds): the day v1 was
 *     deprecated (the Deprecation header); not after the sunset
 */
public record ApiVersionConfig(String current, boolean legacyEnabled, LocalDate v1Sunset, LocalDate v1Deprecated) {
  public static final String V1 = "v1";
  public static final String V2 = "v2";
  public static final LocalDate V1_SUNSET = LocalDate.of(2026, 12, 31);
  public static final LocalDate V1_DEPRECATED = LocalDate.of(2026, 1, 1);

  public ApiVersionConfig {
    requireNonNull(current, "current is null");
    if (!current.equals(V1) && !current.equals(V2))
      throw new IllegalArgumentException("ARAGORA_API_VERSION must be v1 or v2, got '" + current + "'");
    requireNonNull(v1Sunset, "v1Sunset is null");
    requireNonNull(v1Deprecated, "v1Deprecated is null");
    if (v1Deprecated.isAfter(v1Sunset))
      throw new IllegalArgumentException("ARAGORA_API_V1_DEPRECATED (" + v1Deprecated
          + ") must not be after ARAGORA_API_V1_SUNSET (" + v1Sunset + ")");
  }

  public static ApiVersionConfig defaults() {
    return fromEnvironment(Map.of());
  }

  public static ApiVersionConfig fromEnvironment(Map<String, String> env) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    String version = e.text("ARAGORA_API_VERSION", V2).toLowerCase(Locale.ROOT);
    if (!version.equals(V1) && !version.equals(V2))
      throw new IllegalArgumentException("ARAGORA_API_VERSION must be v1 or v2, got '" + env.get("ARAGORA_API_VERSION") + "'");
    return new ApiVersionConfig(version, e.bool("ARAGORA_API_LEGACY_ENABLED", true),
        date(e, "ARAGORA_API_V1_SUNSET", V1_SUNSET), date(e, "ARAGORA_API_V1_DEPRECATED", V1_DEPRECATED));
  }

  /** Whether v1 (and so the unversioned /api) is deprecated. */
  public boolean deprecatesV1() {
    return current.equals(V2);
  }

  private static LocalDate date(EngineConfig.Env e, String name, LocalDate fallback) {
    String text = e.text(name, fallback.toString());
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException ex) {
      throw new IllegalArgumentException(name + " must be a date as YYYY-MM-DD (e.g. 2026-12-31), got '" + text + "'");
    }
  }
}
