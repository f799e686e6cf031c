package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aragora.server.config.ServerConfig;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.TestAuth;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rate limits as the real server applies them: defaults, 429s, probes, and the client address. */
class ServeRateLimitsApiTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dataDir;

  private App start(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(Map.of("ARAGORA_DATA_DIR", dataDir.toString(),
        "ARAGORA_SIMILARITY_BACKEND", "tfidf"));
    env.putAll(more);
    return App.start(TestAuth.withCredentials(env), ServerConfig.fromEnvironment(env).withPort(0));
  }

  /** A request without credentials unless {@code headers} bring some. */
  private static HttpResponse<String> send(App app, String method, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(new ApiClient(app.port()).uri(path));
    request = method.equals("POST") ? request.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"Tabs?\",\"agents\":\"demo:skeptic,demo:optimist\",\"rounds\":1}"))
        : request.GET();
    if (headers.length > 0) request.headers(headers);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Signs a new member in: an authenticated caller of the AUTHENTICATED tier. */
  private static String memberBearer(App app) {
    ApiClient admin = new ApiClient(app.port());
    assertThat(admin.post("/api/v2/auth/users",
        "{\"email\":\"member@example.com\",\"password\":\"member-password-1\",\"role\":\"member\"}").status())
        .isEqualTo(201);
    ApiClient.Reply login = ApiClient.anonymous(app.port()).post("/api/v2/auth/login",
        "{\"email\":\"member@example.com\",\"password\":\"member-password-1\"}");
    return "Bearer " + login.body().get("access_token").asText();
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  @Test
  void byDefaultAnAnonymousClientHasThirtyAMinuteWithABurstOfSixty() throws Exception {
    try (App app = start(Map.of())) {
      // Anonymous callers reach only the public pages; protected routes answer 401 before any tier counts.
      HttpResponse<String> first = send(app, "GET", "/api/v2/openapi.yaml");
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(header(first, "X-RateLimit-Limit")).isEqualTo("60");
      assertThat(header(first, "X-RateLimit-Remaining")).isEqualTo("59");
      assertThat(Long.parseLong(header(first, "X-RateLimit-Reset"))).isBetween(1L, 2L);
      assertThat(new ApiClient(app.port()).get("/api/health").body().get("rate_limits").asText()).isEqualTo("local");
    }
  }

  @Test
  void anAuthenticatedCallerHasSixtyAMinuteWithABurstOfOneHundredTwenty() throws Exception {
    try (App app = start(Map.of())) {
      HttpResponse<String> first = send(app, "GET", "/api/v2/agents", "Authorization", memberBearer(app));
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(header(first, "X-RateLimit-Limit")).isEqualTo("120");
    }
  }

  @Test
  void overTheLimitRequestsAre429WithRetryAfterAndNothingHappens() throws Exception {
    // One a minute, two at once: the third request in a row is refused, whatever the machine's speed.
    try (App app = start(Map.of("ARAGORA_RATE_LIMIT", "1"))) {
      String member = memberBearer(app);
      assertThat(send(app, "GET", "/api/v2/debates", "Authorization", member).statusCode()).isEqualTo(200);
      assertThat(send(app, "GET", "/api/v2/debates", "Authorization", member).statusCode()).isEqualTo(200);
      HttpResponse<String> refused = send(app, "POST", "/api/v2/debates", "Authorization", member);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.body()).startsWith("{\"error\":{\"code\":\"rate_limited\",\"message\":\"rate limit of 1 requests per minute for authenticated callers exceeded");
      assertThat(Long.parseLong(header(refused, "Retry-After"))).isBetween(1L, 60L);
      assertThat(header(refused, "X-RateLimit-Limit")).isEqualTo("2");
      assertThat(header(refused, "X-RateLimit-Remaining")).isEqualTo("0");
      assertThat(Long.parseLong(header(refused, "X-RateLimit-Reset"))).isBetween(61L, 120L);
      // Probes and the metrics scrape never count.
      for (String probe : new String[] {"/healthz", "/readyz", "/ready", "/metrics", "/api/health", "/api/v2/health",
          "/api/v2/health/ready"}) {
        HttpResponse<String> answer = send(app, "GET", probe, "Authorization", member);
        assertThat(answer.statusCode()).as(probe).isIn(200, 403);
        assertThat(header(answer, "X-RateLimit-Limit")).as(probe).isNull();
      }
      // The refused POST created no debate.
      assertThat(new ApiClient(app.port()).get("/api/v2/debates").body().get("total").asInt()).isZero();
    }
  }

  @Test
  void theAddressLimitCountsEveryRequestOfOneClientWhateverItsCredentials() throws Exception {
    try (App app = start(Map.of("ARAGORA_IP_RATE_LIMIT", "1"))) {
      assertThat(send(app, "GET", "/api/v2/agents", "Authorization", TestAuth.BEARER).statusCode()).isEqualTo(200);
      assertThat(send(app, "GET", "/api/v1/agents").statusCode()).as("anonymous: 401, counted").isEqualTo(401);
      HttpResponse<String> refused = send(app, "GET", "/api/agents", "Authorization", TestAuth.BEARER);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.body()).contains("from your address (ARAGORA_IP_RATE_LIMIT)");
    }
  }

  @Test
  void xForwardedForIsBelievedOnlyFromATrustedProxy() throws Exception {
    try (App direct = start(Map.of("ARAGORA_RATE_LIMIT_ANONYMOUS", "1"))) {
      send(direct, "GET", "/api/v2/openapi.yaml", "X-Forwarded-For", "203.0.113.1");
      send(direct, "GET", "/api/v2/openapi.yaml", "X-Forwarded-For", "203.0.113.2");
      // Another made-up address each time, and still the one budget of this socket's address.
      assertThat(send(direct, "GET", "/api/v2/openapi.yaml", "X-Forwarded-For", "203.0.113.3").statusCode()).isEqualTo(429);
    }
    try (App proxied = start(Map.of("ARAGORA_RATE_LIMIT_ANONYMOUS", "1", "ARAGORA_TRUSTED_PROXIES", "127.0.0.0/8,::1"))) {
      for (String client : new String[] {"203.0.113.1", "203.0.113.2"}) {
        assertThat(send(proxied, "GET", "/api/v2/openapi.yaml", "X-Forwarded-For", client).statusCode()).isEqualTo(200);
        assertThat(send(proxied, "GET", "/api/v2/openapi.yaml", "X-Forwarded-For", client).statusCode()).isEqualTo(200);
        assertThat(send(proxied, "GET", "/api/v2/openapi.yaml", "X-Forwarded-For", client).statusCode()).isEqualTo(429);
      }
      // Prepending a fresh address does not make a fresh client.
      assertThat(send(proxied, "GET", "/api/v2/openapi.yaml", "X-Forwarded-For", "198.51.100.7, 203.0.113.1").statusCode())
          .isEqualTo(429);
    }
  }

  @Test
  void badSettingsStopTheStartWithTheVariablesName() {
    assertThatThrownBy(() -> start(Map.of("ARAGORA_TRUSTED_PROXIES", "10.0.0.0/40")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ARAGORA_TRUSTED_PROXIES");
    assertThatThrownBy(() -> start(Map.of("ARAGORA_BURST_MULTIPLIER", "0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ARAGORA_BURST_MULTIPLIER");
  }
}
