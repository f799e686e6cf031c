package dev.aragora.server.ratelimit;

import java.util.Locale;

/** A caller's rate-limit tier (scaling guide, "Rate Limit Tiers"). */
public enum Tier {
  /** No credentials: limited by client IP. */
  ANONYMOUS,
  /** A known user or API key: ARAGORA_RATE_LIMIT. */
  AUTHENTICATED,
  /** A paid plan. */
  PREMIUM,
  /** Service to service: no tier limit (the per-IP limit still applies, before authentication). */
  INTERNAL;

  /** The lower-case name used in bucket keys and messages. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
