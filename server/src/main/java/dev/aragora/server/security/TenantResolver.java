package dev.aragora.server.security;

import dev.aragora.server.api.ApiError;

/**
 * Which tenant an authenticated caller acts for, decided once per request by the {@link AccessGuard}
 * (and per WebSocket handshake). The tenancy feature implements it; security only asks.
 */
public interface TenantResolver {
  /** Everyone in {@code defaultTenant}, every caller an operator: a single-tenant installation. */
  static TenantResolver single(String defaultTenant) {
    return new TenantResolver() {
      @Override
      public String header() {
        return "X-Tenant-ID";
      }

      @Override
      public Principal resolve(Principal principal, Credential.Kind kind, String requested) {
        return principal.inTenant(defaultTenant, true);
      }
    };
  }

  /** The request header that names a tenant (ARAGORA_TENANT_HEADER). */
  String header();

  /**
   * {@code principal} (authenticated with a credential of {@code kind}) as it acts in this request,
   * with its tenant and operator flag set.
   *
   * @param requested the tenant header's value, or null
   * @throws ApiError when the header names a tenant the caller may not act for (400 unknown, 403 not its own)
   */
  Principal resolve(Principal principal, Credential.Kind kind, String requested);
}
