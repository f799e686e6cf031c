package dev.aragora.server.ratelimit;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.api.ApiError;
import dev.aragora.server.config.RateLimitConfig;
import dev.aragora.server.net.ClientIp;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The request rate limits, as two before-handlers: {@link #byAddress} for every request of a client
 * IP (ARAGORA_IP_RATE_LIMIT), registered ahead of authentication so that it also guards credential
 * checks, and {@link #byCaller} for the caller's tier, registered after authentication so that it
 * sees the principal. Each request takes one token from each bucket that applies; over a limit the
 * request ends with 429 {@code rate_limited} and Retry-After.
 *
 * <p>Every limited response carries X-RateLimit-Limit (the bucket's capacity), X-RateLimit-Remaining
 * and X-RateLimit-Reset (seconds until the bucket is full again), of whichever bucket is closer to
 * empty. Probe paths are exempt: {@link #EXEMPT}.
 */
public final class RateLimits {
  /** The request attribute holding the resolved client IP, for other handlers (audit, auth). */
  public static final String CLIENT_IP = "aragora.client_ip";
  /** Probe and scrape paths: never limited, so health checks and monitoring see the truth under load. */
  public static final Set<String> EXEMPT = Set.of("/healthz", "/readyz", "/ready", "/metrics", "/api/health",
      "/api/v2/health", "/api/v2/health/ready");
  private static final String VERDICT = "aragora.ratelimit.verdict";

  private final Buckets buckets;
  private final ClientIp clientIp;
  private final CallerResolver callers;
  private final Limit perIp;
  private final Map<Tier, Limit> perTier = new EnumMap<>(Tier.class);

  public RateLimits(RateLimitConfig config, Buckets buckets, ClientIp clientIp, CallerResolver callers) {
    requireNonNull(config, "config is null");
    this.buckets = requireNonNull(buckets, "buckets is null");
    this.clientIp = requireNonNull(clientIp, "clientIp is null");
    this.callers = requireNonNull(callers, "callers is null");
    this.perIp = limit(config, "ip", config.ipPerMinute());
    put(Tier.ANONYMOUS, limit(config, Tier.ANONYMOUS.wireName(), config.anonymousPerMinute()));
    put(Tier.AUTHENTICATED, limit(config, Tier.AUTHENTICATED.wireName(), config.authenticatedPerMinute()));
    put(Tier.PREMIUM, limit(config, Tier.PREMIUM.wireName(), config.premiumPerMinute()));
  }

  /** The client IP of a request: the socket peer, or X-Forwarded-For behind a trusted proxy. */
  public String clientIp(Context ctx) {
    String known = ctx.attribute(CLIENT_IP);
    if (known != null) return known;
    List<String> forwarded = Collections.list(ctx.req().getHeaders(ClientIp.FORWARDED_FOR));
    String ip = clientIp.resolve(ctx.req().getRemoteAddr(), forwarded);
    ctx.attribute(CLIENT_IP, ip);
    return ip;
  }

  /** Before-handler: the per-IP limit, for every request (before authentication). */
  public void byAddress(Context ctx) {
    if (exempt(ctx)) return;
    String ip = clientIp(ctx);
    if (perIp != null) apply(ctx, buckets.take(perIp, ip), "from your address (ARAGORA_IP_RATE_LIMIT)");
  }

  /** Before-handler: the caller's tier limit (after authentication); internal callers have none. */
  public void byCaller(Context ctx) {
    if (exempt(ctx)) return;
    Caller caller = callers.resolve(ctx, clientIp(ctx));
    Limit limit = perTier.get(caller.tier());
    if (limit != null) apply(ctx, buckets.take(limit, caller.key()), "for " + caller.tier().wireName() + " callers");
  }

  /** "redis", "local" or "local_fallback": whether the instances share the limits right now. */
  public String status() {
    return buckets.status();
  }

  private void apply(Context ctx, Verdict verdict, String scope) {
    Verdict shown = Verdict.tighter(ctx.attribute(VERDICT), verdict);
    ctx.attribute(VERDICT, shown);
    ctx.header("X-RateLimit-Limit", Long.toString(shown.limit()));
    ctx.header("X-RateLimit-Remaining", Long.toString(shown.remaining()));
    ctx.header("X-RateLimit-Reset", Long.toString(shown.resetSeconds()));
    if (verdict.allowed()) return;
    ctx.header("Retry-After", Long.toString(verdict.retryAfterSeconds()));
    throw new ApiError(429, "rate_limited", "rate limit of " + verdict.shape().perMinute() + " requests per minute "
        + scope + " exceeded; retry in " + verdict.retryAfterSeconds() + " s");
  }

  private static boolean exempt(Context ctx) {
    return EXEMPT.contains(ctx.path());
  }

  private void put(Tier tier, Limit limit) {
    if (limit != null) perTier.put(tier, limit);
  }

  private static Limit limit(RateLimitConfig config, String name, int perMinute) {
    return perMinute == 0 ? null : new Limit(name, perMinute, config.capacity(perMinute));
  }
}
