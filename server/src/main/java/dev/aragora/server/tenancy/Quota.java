package dev.aragora.server.tenancy;

import java.util.Locale;

/** The four per-tenant quotas (ARAGORA_QUOTA_*); the wire name is the lower-case name. */
public enum Quota {
  /** Authenticated API requests per calendar month (UTC); over it: 429. */
  API_CALLS,
  /** LLM tokens (prompt and completion) of the tenant's debates per calendar month; over it: 402. */
  TOKENS,
  /** Bytes the tenant's rows hold (not monthly); over it: 402. */
  STORAGE,
  /** Debates created per calendar month; over it: 402. */
  DEBATES;

  private final String wire = name().toLowerCase(Locale.ROOT);

  public String wire() {
    return wire;
  }

  /** Whether the quota counts per calendar month (storage is a level). */
  public boolean monthly() {
    return this != STORAGE;
  }

  /** The HTTP status of a request refused for this quota. */
  public int status() {
    return this == API_CALLS ? 429 : 402;
  }
}
