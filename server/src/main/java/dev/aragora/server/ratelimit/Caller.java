package dev.aragora.server.ratelimit;

import static java.util.Objects.requireNonNull;

/**
 * Who a request counts against: a stable key (a user id, an API key's id — never a secret) and a
 * tier. Callers with the same key and tier share one bucket, on every instance when Redis is configured.
 */
public record Caller(String key, Tier tier) {
  public Caller {
    requireNonNull(key, "key is null");
    requireNonNull(tier, "tier is null");
    if (key.isBlank()) throw new IllegalArgumentException("key is blank");
  }

  /** A caller without credentials, known only by its client IP. */
  public static Caller anonymous(String clientIp) {
    return new Caller("ip:" + clientIp, Tier.ANONYMOUS);
  }
}
