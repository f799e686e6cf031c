package dev.aragora.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.server.api.ApiError;
import dev.aragora.server.api.Json;
import dev.aragora.server.config.RateLimitConfig;
import dev.aragora.server.net.ClientIp;
import dev.aragora.server.testing.ApiClient;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limits' before-handlers on a small Javalin over real HTTP, with a caller resolver that takes
 * the tier from a test header (standing in for the security layer's principal) and a clock the test
 * moves. Rates: anonymous 3, authenticated 6, premium 12, per IP 10 a minute; burst ×2.
 */
class RateLimitsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final CallerResolver BY_TEST_HEADER = (ctx, ip) -> {
    String caller = ctx.header("X-Test-Caller");
    if (caller == null) return Caller.anonymous(ip);
    String[] parts = caller.split(":", 2);
    return new Caller("user:" + parts[1], Tier.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)));
  };

  private final ManualClock clock = new ManualClock();
  private Javalin server;

  @AfterEach
  void stop() {
    if (server != null) server.stop();
  }

  private void start(RateLimitConfig config) {
    RateLimits limits = new RateLimits(config, new LocalBuckets(clock), new ClientIp(config.trustedProxies()),
        BY_TEST_HEADER);
    Json json = new Json(new ObjectMapper());
    server = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.jetty.port = 0;
      c.routes.before(limits::byAddress);
      c.routes.before(limits::byCaller);
      c.routes.get("/api/v2/ping", ctx -> ctx.result("pong"));
      c.routes.get("/healthz", ctx -> ctx.result("ok"));
      c.routes.exception(ApiError.class, (e, ctx) -> json.error(ctx, e.status(), e.code(), e.getMessage()));
    }).start();
  }

  private static RateLimitConfig config(String trustedProxies) {
    return RateLimitConfig.fromEnvironment(Map.of("ARAGORA_RATE_LIMIT_ANONYMOUS", "3", "ARAGORA_RATE_LIMIT", "6",
        "ARAGORA_RATE_LIMIT_PREMIUM", "12", "ARAGORA_IP_RATE_LIMIT", "10", "ARAGORA_TRUSTED_PROXIES", trustedProxies));
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(new ApiClient(server.port()).uri(path)).GET();
    if (headers.length > 0) request.headers(headers);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Requests until the first 429 (at most 100); returns how many were served. */
  private int servedUntilRefused(String... headers) throws Exception {
    for (int served = 0; served < 100; served++) {
      if (get("/api/v2/ping", headers).statusCode() == 429) return served;
    }
    throw new AssertionError("never refused");
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  @Test
  void eachTierGetsItsRateTimesTheBurstMultiplierAtOnce() throws Exception {
    start(config(""));
    assertThat(servedUntilRefused()).isEqualTo(6);
    clock.advance(Duration.ofMinutes(10));
    assertThat(servedUntilRefused("X-Test-Caller", "authenticated:ann")).isEqualTo(12);
    clock.advance(Duration.ofMinutes(10));
    // Premium's 24 are more than this address's 20: the per-IP limit holds for every tier.
    assertThat(servedUntilRefused("X-Test-Caller", "premium:pat")).isEqualTo(20);
  }

  @Test
  void headersShowTheTighterBucketAndA429SaysWhenToRetry() throws Exception {
    start(config(""));
    HttpResponse<String> first = get("/api/v2/ping");
    assertThat(first.statusCode()).isEqualTo(200);
    // Anonymous: capacity 6, 5 left, refilled in 2 × 60 / 3... one token every 20 s, so 20 s to full.
    assertThat(header(first, "X-RateLimit-Limit")).isEqualTo("6");
    assertThat(header(first, "X-RateLimit-Remaining")).isEqualTo("5");
    assertThat(header(first, "X-RateLimit-Reset")).isEqualTo("20");
    assertThat(header(first, "Retry-After")).isNull();
    for (int i = 0; i < 5; i++) get("/api/v2/ping");

    HttpResponse<String> refused = get("/api/v2/ping");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(header(refused, "Content-Type")).startsWith("application/json");
    assertThat(new ObjectMapper().readTree(refused.body()).at("/error/code").asText()).isEqualTo("rate_limited");
    assertThat(refused.body()).contains("3 requests per minute for anonymous callers");
    assertThat(header(refused, "Retry-After")).isEqualTo("20");
    assertThat(header(refused, "X-RateLimit-Limit")).isEqualTo("6");
    assertThat(header(refused, "X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(header(refused, "X-RateLimit-Reset")).isEqualTo("120");

    clock.advance(Duration.ofSeconds(19));
    HttpResponse<String> early = get("/api/v2/ping");
    assertThat(early.statusCode()).isEqualTo(429);
    assertThat(header(early, "Retry-After")).isEqualTo("1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(get("/api/v2/ping").statusCode()).isEqualTo(200);
  }

  @Test
  void callersOfOneAddressShareItsLimitAndInternalCallersOnlyThat() throws Exception {
    start(config(""));
    for (int i = 0; i < 12; i++) assertThat(get("/api/v2/ping", "X-Test-Caller", "authenticated:ann").statusCode()).isEqualTo(200);
    // Ann's own bucket is empty; Bob's is full, but only 8 of the address's 20 are left.
    assertThat(get("/api/v2/ping", "X-Test-Caller", "authenticated:ann").statusCode()).isEqualTo(429);
    HttpResponse<String> bob = get("/api/v2/ping", "X-Test-Caller", "authenticated:bob");
    assertThat(bob.statusCode()).isEqualTo(200);
    assertThat(header(bob, "X-RateLimit-Limit")).isEqualTo("20");
    assertThat(header(bob, "X-RateLimit-Remaining")).isEqualTo("6");
    // An internal service has no tier limit, and no more than the address allows.
    assertThat(servedUntilRefused("X-Test-Caller", "internal:svc")).isEqualTo(6);
    HttpResponse<String> refused = get("/api/v2/ping", "X-Test-Caller", "internal:svc");
    assertThat(refused.body()).contains("ARAGORA_IP_RATE_LIMIT");
  }

  @Test
  void probesAreNeverLimited() throws Exception {
    start(config(""));
    servedUntilRefused();
    for (int i = 0; i < 30; i++) {
      HttpResponse<String> probe = get("/healthz");
      assertThat(probe.statusCode()).isEqualTo(200);
      assertThat(header(probe, "X-RateLimit-Limit")).isNull();
    }
    assertThat(RateLimits.EXEMPT).containsExactlyInAnyOrder("/healthz", "/readyz", "/ready", "/metrics",
        "/api/health", "/api/v2/health", "/api/v2/health/ready");
  }

  @Test
  void spoofedForwardedForFromAnUntrustedPeerChangesNothing() throws Exception {
    start(config(""));
    assertThat(servedUntilRefused("X-Forwarded-For", "203.0.113.1")).isEqualTo(6);
    assertThat(get("/api/v2/ping", "X-Forwarded-For", "203.0.113.2").statusCode()).isEqualTo(429);
    assertThat(get("/api/v2/ping").statusCode()).isEqualTo(429);
  }

  @Test
  void behindATrustedProxyEachForwardedClientHasItsOwnBudget() throws Exception {
    start(config("127.0.0.1, ::1"));
    assertThat(servedUntilRefused("X-Forwarded-For", "203.0.113.1")).isEqualTo(6);
    assertThat(servedUntilRefused("X-Forwarded-For", "203.0.113.2")).isEqualTo(6);
    // A client that prepends a fake address is still known by the one the proxy appended.
    assertThat(get("/api/v2/ping", "X-Forwarded-For", "198.51.100.1, 203.0.113.1").statusCode()).isEqualTo(429);
    // The proxy's own requests are its own address's.
    assertThat(get("/api/v2/ping").statusCode()).isEqualTo(200);
  }

  @Test
  void aLimitOfZeroIsOff() throws Exception {
    start(RateLimitConfig.fromEnvironment(Map.of("ARAGORA_RATE_LIMIT_ANONYMOUS", "0", "ARAGORA_IP_RATE_LIMIT", "0")));
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> response = get("/api/v2/ping");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(header(response, "X-RateLimit-Limit")).isNull();
    }
  }
}
