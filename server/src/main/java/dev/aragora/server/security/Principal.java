package dev.aragora.server.security;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.ratelimit.Tier;
import io.javalin.http.Context;

/**
 * Who is calling, for the code after authentication (rate limits, tenancy, audit). Every routed
 * request carries one as the request attribute {@value #ATTRIBUTE}; callers without credentials on
 * public routes are {@link #anonymous}.
 *
 * @param subject a user id, {@code internal} (ARAGORA_API_TOKEN), {@code metrics} (ARAGORA_METRICS_TOKEN) or
 *     {@code anonymous}
 * @param email the user's email, or empty
 * @param role what the caller may do; anonymous callers are viewers that pass no permission check
 * @param tenantId the tenant the caller acts for: its user's or key's (the shared API token's: the one
 *     its tenant header names), or ARAGORA_DEFAULT_TENANT for everyone when ARAGORA_MULTI_TENANT is off
 * @param operator the caller runs the installation rather than one tenant: the shared tokens, and
 *     users of the default tenant (so every user while multi-tenancy is off); only operators hold the
 *     {@linkplain Permission#operatorOnly operator permissions}
 */
public record Principal(String subject, String email, Role role, String tenantId, Tier tier, boolean operator) {
  public static final String ATTRIBUTE = "aragora.principal";

  /** Not an operator until the tenant is resolved ({@link #inTenant}). */
  public Principal(String subject, String email, Role role, String tenantId, Tier tier) {
    this(subject, email, role, tenantId, tier, false);
  }

  public Principal {
    requireNonNull(subject, "subject is null");
    requireNonNull(email, "email is null");
    requireNonNull(role, "role is null");
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(tier, "tier is null");
  }

  public static Principal anonymous(String tenantId) {
    return new Principal("anonymous", "", Role.VIEWER, tenantId, Tier.ANONYMOUS);
  }

  public boolean isAnonymous() {
    return tier == Tier.ANONYMOUS;
  }

  /** Whether the caller holds {@code permission}; an anonymous caller holds none. */
  public boolean can(Permission permission) {
    return !isAnonymous() && role.can(permission) && (operator || !permission.operatorOnly());
  }

  /** This caller acting for {@code tenant}, an operator or not. */
  public Principal inTenant(String tenant, boolean isOperator) {
    return new Principal(subject, email, role, tenant, tier, isOperator);
  }

  /** The caller of {@code ctx}, set by the access guard; anonymous when the guard has not run. */
  public static Principal of(Context ctx, String defaultTenant) {
    Principal principal = ctx.attribute(ATTRIBUTE);
    return principal != null ? principal : anonymous(defaultTenant);
  }
}
