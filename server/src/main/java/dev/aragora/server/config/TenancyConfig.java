package dev.aragora.server.config;

import java.util.Map;

/**
 * The tenant settings metrics need before tenancy exists: every request and debate belongs to the
 * default tenant until tenant resolution sets another (see ops/Metrics#TENANT_ATTRIBUTE).
 *
 * @param defaultTenant ARAGORA_DEFAULT_TENANT ("default"): the tenant of requests that name none
 * @param quotaDebates ARAGORA_QUOTA_DEBATES (1000): debates a tenant may start per calendar month (UTC)
 * @param quotaTokens ARAGORA_QUOTA_TOKENS (10000000): LLM tokens a tenant may use per calendar month
 */
public record TenancyConfig(String defaultTenant, int quotaDebates, int quotaTokens) {
  public static final String DEFAULT_TENANT = "default";

  public TenancyConfig {
    if (defaultTenant == null || !defaultTenant.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"))
      throw new IllegalArgumentException("ARAGORA_DEFAULT_TENANT must be 1 to 64 letters, digits, '.', '_' or '-'"
          + " starting with a letter or digit, got '" + defaultTenant + "'");
    if (quotaDebates < 1) throw new IllegalArgumentException("ARAGORA_QUOTA_DEBATES must be positive");
    if (quotaTokens < 1) throw new IllegalArgumentException("ARAGORA_QUOTA_TOKENS must be positive");
  }

  public static TenancyConfig fromEnvironment(Map<String, String> env) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    return new TenancyConfig(e.text("ARAGORA_DEFAULT_TENANT", DEFAULT_TENANT),
        e.integer("ARAGORA_QUOTA_DEBATES", 1000, 1, Integer.MAX_VALUE),
        e.integer("ARAGORA_QUOTA_TOKENS", 10_000_000, 1, Integer.MAX_VALUE));
  }
}
