package dev.aragora.server.config;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.net.IpRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Request rate limits (scaling guide, "Rate Limiting"), read once from the environment. Each limit
 * is a token bucket that refills at its rate per minute and holds {@code rate × burstMultiplier}
 * tokens; 0 turns a limit off.
 *
 * @param anonymousPerMinute ARAGORA_RATE_LIMIT_ANONYMOUS (30): callers without credentials, by client IP
 * @param authenticatedPerMinute ARAGORA_RATE_LIMIT (60): authenticated callers
 * @param premiumPerMinute ARAGORA_RATE_LIMIT_PREMIUM (300): callers on a paid plan
 * @param ipPerMinute ARAGORA_IP_RATE_LIMIT (120): every request of one client IP, whatever its tier
 *     (internal callers too: it is checked before authentication)
 * @param burstMultiplier ARAGORA_BURST_MULTIPLIER (2.0): bucket capacity over the per-minute rate, 1 to 100
 * @param trustedProxies ARAGORA_TRUSTED_PROXIES (none): comma-separated IPs and CIDR blocks whose
 *     X-Forwarded-For is believed
 * @param redisTtl ARAGORA_REDIS_TTL in seconds (120): how long a client's bucket stays in Redis after
 *     its last request; never less than the bucket needs to refill, so an expiry gives nothing away
 */
public record RateLimitConfig(int anonymousPerMinute, int authenticatedPerMinute, int premiumPerMinute,
                              int ipPerMinute, double burstMultiplier, List<IpRange> trustedProxies,
                              Duration redisTtl) {
  public static final int ANONYMOUS = 30;
  public static final int AUTHENTICATED = 60;
  public static final int PREMIUM = 300;
  public static final int PER_IP = 120;
  public static final double BURST_MULTIPLIER = 2.0;
  public static final Duration REDIS_TTL = Duration.ofSeconds(120);
  private static final int MAX_RATE = 100_000_000;

  public RateLimitConfig {
    for (int rate : new int[] {anonymousPerMinute, authenticatedPerMinute, premiumPerMinute, ipPerMinute})
      if (rate < 0 || rate > MAX_RATE) throw new IllegalArgumentException("rates must be from 0 to " + MAX_RATE);
    if (!(burstMultiplier >= 1 && burstMultiplier <= 100))
      throw new IllegalArgumentException("ARAGORA_BURST_MULTIPLIER must be from 1 to 100");
    trustedProxies = List.copyOf(requireNonNull(trustedProxies, "trustedProxies is null"));
    requireNonNull(redisTtl, "redisTtl is null");
    if (redisTtl.isNegative() || redisTtl.isZero()) throw new IllegalArgumentException("ARAGORA_REDIS_TTL must be positive");
  }

  /** The seeds' defaults, trusting no proxy. */
  public static RateLimitConfig defaults() {
    return fromEnvironment(Map.of());
  }

  public static RateLimitConfig fromEnvironment(Map<String, String> env) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    return new RateLimitConfig(
        e.integer("ARAGORA_RATE_LIMIT_ANONYMOUS", ANONYMOUS, 0, MAX_RATE),
        e.integer("ARAGORA_RATE_LIMIT", AUTHENTICATED, 0, MAX_RATE),
        e.integer("ARAGORA_RATE_LIMIT_PREMIUM", PREMIUM, 0, MAX_RATE),
        e.integer("ARAGORA_IP_RATE_LIMIT", PER_IP, 0, MAX_RATE),
        multiplier(e.text("ARAGORA_BURST_MULTIPLIER", Double.toString(BURST_MULTIPLIER))),
        proxies(e.text("ARAGORA_TRUSTED_PROXIES", "")),
        Duration.ofSeconds(e.integer("ARAGORA_REDIS_TTL", (int) REDIS_TTL.toSeconds(), 1, 86_400)));
  }

  /** A bucket's capacity for {@code perMinute}: the rate times the burst multiplier, at least 1. */
  public long capacity(int perMinute) {
    return Math.max(1, (long) Math.floor(perMinute * burstMultiplier));
  }

  private static double multiplier(String text) {
    try {
      double value = Double.parseDouble(text);
      if (value >= 1 && value <= 100) return value;
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException("ARAGORA_BURST_MULTIPLIER must be a number from 1 to 100, got '" + text + "'");
  }

  private static List<IpRange> proxies(String text) {
    List<IpRange> ranges = new ArrayList<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) continue;
      try {
        ranges.add(IpRange.parse(part));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("ARAGORA_TRUSTED_PROXIES: " + ex.getMessage()
            + " (expected comma-separated IPs or CIDR blocks such as 10.0.0.0/8)");
      }
    }
    return ranges;
  }
}
