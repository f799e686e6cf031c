package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Version headers on every prefix, the header-selected version, and 410 once legacy is off. */
class ServeApiVersionsApiTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** 2026-01-01T00:00:00Z, the default ARAGORA_API_V1_DEPRECATED, as RFC 9745 writes it. */
  private static final String DEPRECATION = "@1767225600";
  /** The last second of ARAGORA_API_V1_SUNSET's default, as an RFC 8594 HTTP-date. */
  private static final String SUNSET = "Thu, 31 Dec 2026 23:59:59 GMT";

  @TempDir
  Path dataDir;

  private App start(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(Map.of("ARAGORA_DATA_DIR", dataDir.toString(),
        "ARAGORA_SIMILARITY_BACKEND", "tfidf"));
    env.putAll(more);
    return TestAuth.start(env);
  }

  private static HttpResponse<String> send(App app, String method, String path, String... headers) throws Exception {
    HttpRequest.Builder request = TestAuth.authorized(HttpRequest.newBuilder(new ApiClient(app.port()).uri(path)));
    request = method.equals("POST") ? request.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"Tabs?\",\"agents\":\"demo:skeptic,demo:optimist\",\"rounds\":1}"))
        : request.GET();
    if (headers.length > 0) request.headers(headers);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private static void assertCurrent(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "X-API-Version")).isEqualTo("v2");
    assertThat(header(response, "Deprecation")).isNull();
    assertThat(header(response, "Sunset")).isNull();
    assertThat(header(response, "Link")).isNull();
  }

  private static void assertDeprecated(HttpResponse<String> response, String successor) {
    assertThat(header(response, "X-API-Version")).isEqualTo("v1");
    assertThat(header(response, "Deprecation")).isEqualTo(DEPRECATION);
    assertThat(header(response, "Sunset")).isEqualTo(SUNSET);
    assertThat(header(response, "Link")).isEqualTo("<" + successor + ">; rel=\"successor-version\"");
  }

  @Test
  void v2IsCurrentAndV1AndUnversionedPathsAreDeprecatedWithASuccessor() throws Exception {
    try (App app = start(Map.of())) {
      assertCurrent(send(app, "GET", "/api/v2/agents"));
      HttpResponse<String> v1 = send(app, "GET", "/api/v1/agents");
      assertThat(v1.statusCode()).isEqualTo(200);
      assertDeprecated(v1, "/api/v2/agents");
      HttpResponse<String> legacy = send(app, "GET", "/api/agents/leaderboard?limit=3");
      assertThat(legacy.statusCode()).isEqualTo(200);
      assertDeprecated(legacy, "/api/v2/agents/leaderboard");
      // Errors say so too.
      HttpResponse<String> missing = send(app, "GET", "/api/v1/debates/deb_nope");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertDeprecated(missing, "/api/v2/debates/deb_nope");
      // Pages outside /api carry no version.
      assertThat(header(send(app, "GET", "/openapi.yaml"), "X-API-Version")).isNull();
    }
  }

  @Test
  void onUnversionedPathsXApiVersionChoosesAndOnVersionedOnesTheUrlWins() throws Exception {
    try (App app = start(Map.of())) {
      HttpResponse<String> chosen = send(app, "GET", "/api/agents", "X-API-Version", "v2");
      assertCurrent(chosen);
      // A cache must keep the two answers of an unversioned path apart.
      assertThat(header(chosen, "Vary")).isEqualTo("X-API-Version");
      assertDeprecated(send(app, "GET", "/api/agents", "X-API-Version", "v1"), "/api/v2/agents");
      assertDeprecated(send(app, "GET", "/api/v1/agents", "X-API-Version", "v2"), "/api/v2/agents");
      assertCurrent(send(app, "GET", "/api/v2/agents", "X-API-Version", "v1"));
      HttpResponse<String> unknown = send(app, "GET", "/api/agents", "X-API-Version", "v9");
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(unknown.body()).at("/error/code").asText()).isEqualTo("unsupported_api_version");
    }
  }

  @Test
  void withLegacyDisabledV1AndUnversionedPathsAre410PointingAtV2() throws Exception {
    try (App app = start(Map.of("ARAGORA_API_LEGACY_ENABLED", "false"))) {
      HttpResponse<String> gone = send(app, "POST", "/api/v1/debates");
      assertThat(gone.statusCode()).isEqualTo(410);
      JsonNode error = JSON.readTree(gone.body()).get("error");
      assertThat(error.get("code").asText()).isEqualTo("api_version_gone");
      assertThat(error.get("message").asText()).contains("use /api/v2/debates");
      assertDeprecated(gone, "/api/v2/debates");
      HttpResponse<String> unversioned = send(app, "GET", "/api/agents");
      assertThat(unversioned.statusCode()).isEqualTo(410);
      assertThat(unversioned.body()).contains("use /api/v2/agents");
      // Nothing was created by the refused POST.
      assertThat(JSON.readTree(send(app, "GET", "/api/v2/debates").body()).get("debates")).isEmpty();
      // v2 — by URL or by header on the bare prefix — and the health probe still answer.
      assertCurrent(send(app, "GET", "/api/v2/agents"));
      assertCurrent(send(app, "GET", "/api/agents", "X-API-Version", "v2"));
      assertThat(send(app, "GET", "/api/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theSeedsRollbackToV1DeprecatesNothing() throws Exception {
    try (App app = start(Map.of("ARAGORA_API_VERSION", "v1", "ARAGORA_API_LEGACY_ENABLED", "false"))) {
      HttpResponse<String> v1 = send(app, "GET", "/api/v1/agents");
      assertThat(v1.statusCode()).isEqualTo(200);
      assertThat(header(v1, "X-API-Version")).isEqualTo("v1");
      assertThat(header(v1, "Deprecation")).isNull();
      HttpResponse<String> unversioned = send(app, "GET", "/api/agents");
      assertThat(unversioned.statusCode()).isEqualTo(200);
      assertThat(header(unversioned, "Sunset")).isNull();
      assertCurrent(send(app, "GET", "/api/v2/agents"));
    }
  }

  @Test
  void theSunsetAndDeprecationDatesComeFromTheEnvironment() throws Exception {
    try (App app = start(Map.of("ARAGORA_API_V1_SUNSET", "2027-06-30", "ARAGORA_API_V1_DEPRECATED", "2026-07-01"))) {
      HttpResponse<String> v1 = send(app, "GET", "/api/v1/agents");
      assertThat(header(v1, "Sunset")).isEqualTo("Wed, 30 Jun 2027 23:59:59 GMT");
      assertThat(header(v1, "Deprecation")).isEqualTo("@1782864000");
    }
  }

  @Test
  void aBadSunsetDateStopsTheStart() {
    assertThatThrownBy(() -> start(Map.of("ARAGORA_API_V1_SUNSET", "end of 2026")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ARAGORA_API_V1_SUNSET must be a date as YYYY-MM-DD (e.g. 2026-12-31), got 'end of 2026'");
  }
}
