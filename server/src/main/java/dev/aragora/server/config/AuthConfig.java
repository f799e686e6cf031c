package dev.aragora.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Authentication settings, read once from the environment. Secrets never appear in messages or
 * {@link #toString()}.
 *
 * @param jwtSecret ARAGORA_JWT_SECRET (32+ characters) signs access tokens (HS256); when empty a
 *     random one is generated and kept in ARAGORA_DATA_DIR — refused with ARAGORA_ENV=production
 * @param previousJwtSecret ARAGORA_JWT_SECRET_PREVIOUS: tokens it signed still verify (rotation);
 *     new tokens are always signed with the current secret
 * @param production ARAGORA_ENV=production
 * @param apiToken ARAGORA_API_TOKEN: a shared bearer token for internal callers (admin rights,
 *     internal rate-limit tier); 16+ characters
 * @param metricsToken ARAGORA_METRICS_TOKEN: when set, GET /metrics needs it (or metrics:read)
 * @param accessTtl ARAGORA_ACCESS_TOKEN_TTL seconds (900): access token lifetime
 * @param refreshTtl ARAGORA_REFRESH_TOKEN_TTL seconds (2592000 = 30 days): refresh token lifetime
 * @param adminEmail ARAGORA_ADMIN_EMAIL ({@value #DEFAULT_ADMIN_EMAIL}): the admin created on first start
 * @param adminPassword ARAGORA_ADMIN_PASSWORD (8+ characters): that admin's password; when empty a
 *     random one is generated and printed once to stderr
 * @param defaultTenant ARAGORA_DEFAULT_TENANT ({@value #DEFAULT_TENANT})
 */
public record AuthConfig(Optional<String> jwtSecret, Optional<String> previousJwtSecret, boolean production,
                         Optional<String> apiToken, Optional<String> metricsToken, Duration accessTtl,
                         Duration refreshTtl, String adminEmail, Optional<String> adminPassword,
                         String defaultTenant) {
  public static final int MIN_SECRET_CHARS = 32;
  public static final int MIN_API_TOKEN_CHARS = 16;
  public static final int MIN_PASSWORD_CHARS = 8;
  public static final Duration DEFAULT_ACCESS_TTL = Duration.ofMinutes(15);
  public static final Duration DEFAULT_REFRESH_TTL = Duration.ofDays(30);
  public static final String DEFAULT_ADMIN_EMAIL = "admin@localhost";
  public static final String DEFAULT_TENANT = "default";

  public AuthConfig {
    requireNonNull(jwtSecret, "jwtSecret is null");
    requireNonNull(previousJwtSecret, "previousJwtSecret is null");
    requireNonNull(apiToken, "apiToken is null");
    requireNonNull(metricsToken, "metricsToken is null");
    requireNonNull(accessTtl, "accessTtl is null");
    requireNonNull(refreshTtl, "refreshTtl is null");
    requireNonNull(adminEmail, "adminEmail is null");
    requireNonNull(adminPassword, "adminPassword is null");
    requireNonNull(defaultTenant, "defaultTenant is null");
    jwtSecret.ifPresent(s -> atLeast("ARAGORA_JWT_SECRET", s, MIN_SECRET_CHARS));
    previousJwtSecret.ifPresent(s -> atLeast("ARAGORA_JWT_SECRET_PREVIOUS", s, MIN_SECRET_CHARS));
    apiToken.ifPresent(s -> atLeast("ARAGORA_API_TOKEN", s, MIN_API_TOKEN_CHARS));
    metricsToken.ifPresent(s -> atLeast("ARAGORA_METRICS_TOKEN", s, MIN_API_TOKEN_CHARS));
    adminPassword.ifPresent(s -> atLeast("ARAGORA_ADMIN_PASSWORD", s, MIN_PASSWORD_CHARS));
    if (production && jwtSecret.isEmpty())
      throw new IllegalArgumentException("ARAGORA_ENV=production needs ARAGORA_JWT_SECRET (" + MIN_SECRET_CHARS
          + "+ random characters, the same on every instance, e.g. from `openssl rand -base64 48`);"
          + " a generated secret is only for development");
    if (accessTtl.compareTo(refreshTtl) > 0)
      throw new IllegalArgumentException("ARAGORA_ACCESS_TOKEN_TTL must not be longer than ARAGORA_REFRESH_TOKEN_TTL");
    if (!adminEmail.contains("@")) throw new IllegalArgumentException("ARAGORA_ADMIN_EMAIL must be an email address");
    if (defaultTenant.isBlank()) throw new IllegalArgumentException("ARAGORA_DEFAULT_TENANT must not be blank");
  }

  public static AuthConfig fromEnvironment(Map<String, String> env) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    return new AuthConfig(optional(e, "ARAGORA_JWT_SECRET"), optional(e, "ARAGORA_JWT_SECRET_PREVIOUS"),
        e.text("ARAGORA_ENV", "development").toLowerCase(Locale.ROOT).equals("production"),
        optional(e, "ARAGORA_API_TOKEN"), optional(e, "ARAGORA_METRICS_TOKEN"),
        Duration.ofSeconds(e.integer("ARAGORA_ACCESS_TOKEN_TTL", (int) DEFAULT_ACCESS_TTL.toSeconds(), 60, 86_400)),
        Duration.ofSeconds(e.integer("ARAGORA_REFRESH_TOKEN_TTL", (int) DEFAULT_REFRESH_TTL.toSeconds(), 300,
            366 * 86_400)),
        e.text("ARAGORA_ADMIN_EMAIL", DEFAULT_ADMIN_EMAIL).toLowerCase(Locale.ROOT),
        optional(e, "ARAGORA_ADMIN_PASSWORD"), e.text("ARAGORA_DEFAULT_TENANT", DEFAULT_TENANT));
  }

  private static Optional<String> optional(EngineConfig.Env e, String name) {
    String value = e.text(name, "");
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static void atLeast(String name, String value, int chars) {
    if (value.length() < chars)
      throw new IllegalArgumentException(name + " must be at least " + chars + " characters (it has " + value.length() + ")");
  }

  /** Which secrets are set, never their values. */
  @Override
  public String toString() {
    return "AuthConfig[jwtSecret=" + set(jwtSecret) + ", previousJwtSecret=" + set(previousJwtSecret)
        + ", production=" + production + ", apiToken=" + set(apiToken) + ", metricsToken=" + set(metricsToken)
        + ", accessTtl=" + accessTtl + ", refreshTtl=" + refreshTtl + ", adminEmail=" + adminEmail
        + ", adminPassword=" + set(adminPassword) + ", defaultTenant=" + defaultTenant + "]";
  }

  private static String set(Optional<String> secret) {
    return secret.isPresent() ? "(set)" : "(unset)";
  }
}
