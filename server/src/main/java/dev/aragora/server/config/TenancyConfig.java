package dev.aragora.server.config;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tenants and their quotas, read once from the environment with the seed's names and defaults
 * (deployment guide, "Multi-Tenant Configuration" and "Tenant Quotas"). A quota of 0 means no limit.
 *
 * @param multiTenant ARAGORA_MULTI_TENANT (false): when off, every caller and every row is in the
 *     default tenant and the tenant header is ignored
 * @param defaultTenant ARAGORA_DEFAULT_TENANT ({@value #DEFAULT_TENANT}): the tenant of legacy
 *     requests, of the shared API token without a tenant header, and of rows stored before tenancy;
 *     its admins are the operators (they manage tenants and see every tenant's usage)
 * @param header ARAGORA_TENANT_HEADER ({@value #DEFAULT_HEADER}): the header naming the tenant the
 *     shared API token acts for
 * @param apiCalls ARAGORA_QUOTA_API_CALLS (100000): authenticated API requests per tenant per calendar month (UTC)
 * @param tokens ARAGORA_QUOTA_TOKENS (10000000): LLM tokens of a tenant's debates per calendar month
 * @param storageBytes ARAGORA_QUOTA_STORAGE_GB (100) in bytes (1 GB = 10^9 bytes; fractions allowed):
 *     what a tenant's stored rows may hold
 * @param debates ARAGORA_QUOTA_DEBATES (1000): debates a tenant may create per calendar month
 */
public record TenancyConfig(boolean multiTenant, String defaultTenant, String header, long apiCalls, long tokens,
                            long storageBytes, long debates) {
  public static final String DEFAULT_TENANT = "default";
  public static final String DEFAULT_HEADER = "X-Tenant-ID";
  public static final long GB = 1_000_000_000L;
  /** Lower-case letters, digits, '-' and '_', starting with a letter or digit; at most 64 characters. */
  private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");

  public TenancyConfig {
    requireNonNull(defaultTenant, "defaultTenant is null");
    requireNonNull(header, "header is null");
    if (!validTenantId(defaultTenant))
      throw new IllegalArgumentException("ARAGORA_DEFAULT_TENANT must be 1 to 64 lower-case letters, digits, '-' or '_'"
          + " (starting with a letter or digit), got '" + defaultTenant + "'");
    if (!HEADER.matcher(header).matches())
      throw new IllegalArgumentException("ARAGORA_TENANT_HEADER must be an HTTP header name, got '" + header + "'");
    if (apiCalls < 0 || tokens < 0 || storageBytes < 0 || debates < 0)
      throw new IllegalArgumentException("quotas must not be negative");
  }

  public static TenancyConfig fromEnvironment(Map<String, String> env) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    return new TenancyConfig(e.bool("ARAGORA_MULTI_TENANT", false), e.text("ARAGORA_DEFAULT_TENANT", DEFAULT_TENANT),
        e.text("ARAGORA_TENANT_HEADER", DEFAULT_HEADER),
        quota(env, "ARAGORA_QUOTA_API_CALLS", 100_000), quota(env, "ARAGORA_QUOTA_TOKENS", 10_000_000),
        storage(env), quota(env, "ARAGORA_QUOTA_DEBATES", 1_000));
  }

  /** Whether {@code id} is a well-formed tenant id. */
  public static boolean validTenantId(String id) {
    return id != null && TENANT_ID.matcher(id).matches();
  }

  private static long quota(Map<String, String> env, String name, long fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) return fallback;
    try {
      long n = Long.parseLong(v.strip());
      if (n < 0) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException(name + " must be a whole number of at least 0 (0 = no limit), got '" + v + "'");
    }
  }

  private static long storage(Map<String, String> env) {
    String name = "ARAGORA_QUOTA_STORAGE_GB";
    String v = env.get(name);
    if (v == null || v.isBlank()) return 100 * GB;
    try {
      BigDecimal gb = new BigDecimal(v.strip());
      if (gb.signum() < 0 || gb.compareTo(BigDecimal.valueOf(9_000_000_000L)) > 0) throw new NumberFormatException();
      return gb.multiply(BigDecimal.valueOf(GB)).longValue();
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException(name + " must be a number of GB of at least 0 (0 = no limit; 0.5 = 500 MB), got '"
          + v + "'");
    }
  }
}
