package dev.aragora.server.security;

import java.util.Arrays;
import java.util.Locale;

/** What a caller may do; each route requires one (see {@link RouteAccess}). Wire names as in the original. */
public enum Permission {
  DEBATES_CREATE,
  DEBATES_READ,
  DEBATES_CANCEL,
  AGENTS_READ,
  RANKINGS_READ,
  RECEIPTS_READ,
  MEMORY_READ,
  /** Create, list and revoke one's own API keys. */
  KEYS_MANAGE,
  /** Create and list users, revoke anyone's sessions or keys. */
  USERS_MANAGE,
  /** GET /metrics (when ARAGORA_METRICS_TOKEN is set; else /metrics is public). */
  METRICS_READ,
  /** The full health document (the public one says only the status). */
  HEALTH_READ,
  /** The tenant's own usage and quotas; an operator may ask for any tenant's. */
  USAGE_READ,
  /** Create and list tenants, create users in them, move users between them. */
  TENANTS_MANAGE;

  private final String wire = name().toLowerCase(Locale.ROOT).replaceFirst("_", ":");

  /** e.g. {@code debates:create}. */
  public String wire() {
    return wire;
  }

  /**
   * Held only by operators (see {@link Principal#operator}), whatever the role: they concern the whole
   * installation, not one tenant.
   */
  public boolean operatorOnly() {
    return this == TENANTS_MANAGE || this == METRICS_READ || this == HEALTH_READ;
  }

  public static Permission fromWire(String text) {
    return Arrays.stream(values()).filter(p -> p.wire.equals(text)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown permission '" + text + "'"));
  }

  @Override
  public String toString() {
    return wire;
  }
}
