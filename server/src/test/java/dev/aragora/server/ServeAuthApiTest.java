package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.TestAuth;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication and authorization over real HTTP: login, refresh rotation, logout, API keys,
 * roles (401 vs 403), the permission of every route, health and metrics, and the streams.
 */
class ServeAuthApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TEAM = "[\"demo:skeptic\",\"demo:optimist\"]";
  private static final String DEBATE = "{\"task\":\"Auth?\",\"agents\":" + TEAM + ",\"rounds\":1}";

  @TempDir
  static Path dataDir;
  private static App app;
  private static ApiClient internal;
  private static ApiClient anonymous;

  @BeforeAll
  static void start() {
    app = TestAuth.start(Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf"));
    internal = new ApiClient(app.port());
    anonymous = ApiClient.anonymous(app.port());
    for (String role : List.of("member", "viewer"))
      assertThat(internal.post("/api/v2/auth/users", "{\"email\":\"" + role + "@example.com\",\"password\":\""
          + role + "-password\",\"role\":\"" + role + "\"}").status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  private static JsonNode login(String email, String password) {
    ApiClient.Reply reply = anonymous.post("/api/v2/auth/login",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    return reply.body();
  }

  private static ApiClient as(String role) {
    return ApiClient.withToken(app.port(), login(role + "@example.com", role + "-password").get("access_token").asText());
  }

  private static ApiClient.Reply refresh(String refreshToken) {
    return anonymous.post("/api/v2/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
  }

  @Test
  void theAdminSignsInAndTheTokenOpensTheApi() {
    JsonNode tokens = login(TestAuth.ADMIN_EMAIL, TestAuth.ADMIN_PASSWORD);
    assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(tokens.get("expires_in").asLong()).isEqualTo(900);
    assertThat(tokens.get("refresh_expires_in").asLong()).isEqualTo(30L * 86_400);
    assertThat(tokens.get("access_token").asText().split("\\.")).hasSize(3);
    assertThat(tokens.get("refresh_token").asText()).startsWith("rt_");
    ApiClient admin = ApiClient.withToken(app.port(), tokens.get("access_token").asText());
    assertThat(admin.get("/api/v2/debates").status()).isEqualTo(200);
    JsonNode me = admin.get("/api/v2/auth/me").body();
    assertThat(me.get("email").asText()).isEqualTo(TestAuth.ADMIN_EMAIL);
    assertThat(me.get("role").asText()).isEqualTo("admin");
    assertThat(me.get("tier").asText()).isEqualTo("premium");
    assertThat(me.get("credential").asText()).isEqualTo("access_token");
    assertThat(me.get("tenant_id").asText()).isEqualTo("default");
    JsonNode internalMe = internal.get("/api/v2/auth/me").body();
    assertThat(internalMe.get("tier").asText()).isEqualTo("internal");
    assertThat(internalMe.get("credential").asText()).isEqualTo("api_token");
  }

  @Test
  void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
    ApiClient.Reply wrong = anonymous.post("/api/v2/auth/login", "{\"email\":\"member@example.com\",\"password\":\"nope-nope\"}");
    ApiClient.Reply unknown = anonymous.post("/api/v2/auth/login", "{\"email\":\"ghost@example.com\",\"password\":\"nope-nope\"}");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo(unknown.body());
    assertThat(wrong.body().at("/error/code").asText()).isEqualTo("invalid_credentials");
    assertThat(anonymous.post("/api/v2/auth/login", "{\"email\":\"member@example.com\"}").status()).isEqualTo(400);
    assertThat(anonymous.post("/api/v2/auth/login", "{nope").status()).isEqualTo(400);
    ApiClient.Reply twoBodies = anonymous.post("/api/v2/auth/login",
        "{\"email\":\"member@example.com\",\"password\":\"nope-nope\"} {}");
    assertThat(twoBodies.status()).isEqualTo(400);
    assertThat(twoBodies.body().at("/error/code").asText()).isEqualTo("invalid_json");
  }

  @Test
  void noCredentialIs401WithAChallengeAndTheWrongRoleIs403() {
    ApiClient.Reply none = anonymous.get("/api/v2/debates");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"aragora\"");
    assertThat(none.body().at("/error/code").asText()).isEqualTo("unauthorized");

    ApiClient.Reply bad = ApiClient.withToken(app.port(), "not-a-token").get("/api/v2/debates");
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.header("WWW-Authenticate")).contains("error=\"invalid_token\"");

    ApiClient viewer = as("viewer");
    assertThat(viewer.get("/api/v2/debates").status()).isEqualTo(200);
    ApiClient.Reply refused = viewer.post("/api/v2/debates", DEBATE);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("WWW-Authenticate")).isNull();
    assertThat(refused.body().at("/error/code").asText()).isEqualTo("forbidden");
    assertThat(refused.body().at("/error/message").asText()).contains("debates:create", "viewer");
    assertThat(viewer.get("/api/v2/auth/users").status()).isEqualTo(403);

    ApiClient member = as("member");
    assertThat(member.post("/api/v2/debates", DEBATE).status()).isEqualTo(202);
    assertThat(member.get("/api/v2/auth/users").status()).isEqualTo(403);
    assertThat(member.post("/api/v2/auth/revoke", "{\"email\":\"viewer@example.com\"}").status()).isEqualTo(403);
  }

  @Test
  void refreshTokensRotateAndAReusedOneEndsTheSession() {
    JsonNode first = login("member@example.com", "member-password");
    ApiClient.Reply rotated = refresh(first.get("refresh_token").asText());
    assertThat(rotated.status()).isEqualTo(200);
    String second = rotated.body().get("refresh_token").asText();
    assertThat(second).isNotEqualTo(first.get("refresh_token").asText());
    ApiClient renewed = ApiClient.withToken(app.port(), rotated.body().get("access_token").asText());
    assertThat(renewed.get("/api/v2/auth/me").body().get("email").asText()).isEqualTo("member@example.com");

    ApiClient.Reply reused = refresh(first.get("refresh_token").asText());
    assertThat(reused.status()).isEqualTo(401);
    assertThat(reused.body().at("/error/message").asText()).contains("already used");
    // The session is revoked: the newest refresh token and its access token die with it.
    assertThat(refresh(second).status()).isEqualTo(401);
    assertThat(renewed.get("/api/v2/auth/me").status()).isEqualTo(401);
    assertThat(refresh("rt_made-up").status()).isEqualTo(401);
    assertThat(refresh("anything").status()).isEqualTo(401);
  }

  @Test
  void logoutEndsTheAccessTokenAndItsRefreshToken() {
    JsonNode tokens = login("member@example.com", "member-password");
    JsonNode other = login("member@example.com", "member-password");
    ApiClient member = ApiClient.withToken(app.port(), tokens.get("access_token").asText());
    assertThat(member.post("/api/v2/auth/logout", "").status()).isEqualTo(204);
    assertThat(member.get("/api/v2/debates").status()).isEqualTo(401);
    assertThat(refresh(tokens.get("refresh_token").asText()).status()).isEqualTo(401);
    // Another session of the same user is untouched.
    assertThat(ApiClient.withToken(app.port(), other.get("access_token").asText()).get("/api/v2/debates").status())
        .isEqualTo(200);
    assertThat(internal.post("/api/v2/auth/logout", "").status()).as("the API token has no session").isEqualTo(400);
  }

  @Test
  void anAdminRevokesAllOfAUsersSessions() {
    ApiClient one = as("viewer");
    JsonNode two = login("viewer@example.com", "viewer-password");
    JsonNode answer = internal.post("/api/v2/auth/revoke", "{\"email\":\"viewer@example.com\"}").body();
    assertThat(answer.get("revoked_sessions").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(one.get("/api/v2/debates").status()).isEqualTo(401);
    assertThat(refresh(two.get("refresh_token").asText()).status()).isEqualTo(401);
    assertThat(as("viewer").get("/api/v2/debates").status()).as("signing in again works").isEqualTo(200);
    assertThat(internal.post("/api/v2/auth/revoke", "{\"email\":\"ghost@example.com\"}").status()).isEqualTo(404);
    assertThat(internal.post("/api/v2/auth/revoke", "{}").status()).isEqualTo(400);
  }

  @Test
  void apiKeysAreShownOnceStoredHashedListedUsedAndRevoked() throws Exception {
    ApiClient member = as("member");
    ApiClient.Reply created = member.post("/api/v2/auth/api-keys", "{\"name\":\"ci\",\"expires_in_days\":30}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Cache-Control")).isEqualTo("no-store");
    String key = created.body().get("key").asText();
    String id = created.body().get("id").asText();
    assertThat(key).startsWith("ara_").hasSize(4 + 43);
    assertThat(created.body().get("prefix").asText()).isEqualTo(key.substring(0, 12));
    assertThat(created.body().get("role").asText()).isEqualTo("member");
    assertThat(created.body().get("expires_at").asText()).isNotEmpty();

    JsonNode listed = member.get("/api/v2/auth/api-keys").body();
    assertThat(listed.toString()).doesNotContain(key);
    assertThat(listed.get("keys").findValuesAsText("id")).contains(id);
    assertThat(internal.get("/api/v2/auth/api-keys").body().get("keys").findValuesAsText("id")).as("admins see all")
        .contains(id);
    assertThat(as("viewer").get("/api/v2/auth/api-keys").body().get("keys").findValuesAsText("id")).doesNotContain(id);
    assertRawValueNowhereInTheDatabase(key);

    ApiClient withKey = ApiClient.withToken(app.port(), key);
    assertThat(withKey.post("/api/v2/debates", DEBATE).status()).isEqualTo(202);
    JsonNode me = withKey.get("/api/v2/auth/me").body();
    assertThat(me.get("credential").asText()).isEqualTo("api_key");
    assertThat(me.get("email").asText()).isEqualTo("member@example.com");
    assertThat(me.get("tier").asText()).isEqualTo("authenticated");

    // A key never has more rights than asked for, nor than its owner.
    String readOnly = member.post("/api/v2/auth/api-keys", "{\"name\":\"ro\",\"role\":\"viewer\"}").body().get("key").asText();
    assertThat(ApiClient.withToken(app.port(), readOnly).post("/api/v2/debates", DEBATE).status()).isEqualTo(403);
    assertThat(member.post("/api/v2/auth/api-keys", "{\"role\":\"admin\"}").status()).isEqualTo(403);
    assertThat(member.post("/api/v2/auth/api-keys", "{\"role\":\"root\"}").status()).isEqualTo(400);
    assertThat(internal.post("/api/v2/auth/api-keys", "{}").status()).as("the API token is not a user").isEqualTo(403);

    assertThat(as("viewer").delete("/api/v2/auth/api-keys/" + id).status()).as("not theirs").isEqualTo(404);
    assertThat(member.delete("/api/v2/auth/api-keys/" + id).status()).isEqualTo(204);
    ApiClient.Reply revoked = withKey.get("/api/v2/debates");
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(member.get("/api/v2/auth/api-keys").body().get("keys").findValues("revoked_at").stream()
        .anyMatch(JsonNode::isTextual)).isTrue();
    assertThat(member.delete("/api/v2/auth/api-keys/key_nope").status()).isEqualTo(404);
    assertThat(ApiClient.withToken(app.port(), "ara_" + "x".repeat(43)).get("/api/v2/debates").status()).isEqualTo(401);
  }

  private static void assertRawValueNowhereInTheDatabase(String secret) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("aragora.db"));
         Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
        while (rows.next()) tables.add(rows.getString(1));
      }
      assertThat(tables).contains("api_keys", "users", "refresh_tokens");
      for (String table : tables) {
        try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next())
            for (int c = 1; c <= columns; c++)
              assertThat(String.valueOf(rows.getObject(c))).as(table).doesNotContain(secret.substring(4));
        }
      }
    }
  }

  /** What every route requires, written out by hand: a route added without a decision fails here. */
  private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

  static {
    for (String path : List.of("/healthz", "/readyz", "/ready", "/api/v2/health/ready", "/api/health", "/api/v2/health",
        "/metrics", "/", "/docs", "/api/v2/docs", "/openapi.yaml", "/api/v2/openapi.yaml"))
      EXPECTED.put("GET " + path, "public");
    for (String prefix : List.of("/api/v2", "/api/v1", "/api")) {
      EXPECTED.put("POST " + prefix + "/debates", "debates:create");
      EXPECTED.put("GET " + prefix + "/debates", "debates:read");
      EXPECTED.put("GET " + prefix + "/debates/{id}", "debates:read");
      EXPECTED.put("GET " + prefix + "/debates/{id}/events", "debates:read +query-token");
      EXPECTED.put("GET " + prefix + "/debates/{id}/messages", "debates:read");
      EXPECTED.put("POST " + prefix + "/debates/{id}/cancel", "debates:cancel");
      EXPECTED.put("GET " + prefix + "/debates/{id}/export/json", "debates:read");
      EXPECTED.put("GET " + prefix + "/debates/{id}/export/md", "debates:read");
      EXPECTED.put("GET " + prefix + "/debates/{id}/receipt", "receipts:read");
      EXPECTED.put("GET " + prefix + "/debates/{id}/receipt/md", "receipts:read");
      EXPECTED.put("POST " + prefix + "/receipts/verify", "receipts:read");
      EXPECTED.put("GET " + prefix + "/agents", "agents:read");
      EXPECTED.put("GET " + prefix + "/agents/leaderboard", "rankings:read");
      EXPECTED.put("GET " + prefix + "/agents/{name}", "rankings:read");
      EXPECTED.put("GET " + prefix + "/agents/{a}/head-to-head/{b}", "rankings:read");
      EXPECTED.put("GET " + prefix + "/consensus/similar", "memory:read");
      EXPECTED.put("POST " + prefix + "/auth/login", "public");
      EXPECTED.put("POST " + prefix + "/auth/refresh", "public");
      EXPECTED.put("POST " + prefix + "/auth/logout", "signed-in");
      EXPECTED.put("GET " + prefix + "/auth/me", "signed-in");
      EXPECTED.put("POST " + prefix + "/auth/revoke", "users:manage");
      EXPECTED.put("GET " + prefix + "/auth/users", "users:manage");
      EXPECTED.put("POST " + prefix + "/auth/users", "users:manage");
      EXPECTED.put("GET " + prefix + "/auth/api-keys", "keys:manage");
      EXPECTED.put("POST " + prefix + "/auth/api-keys", "keys:manage");
      EXPECTED.put("DELETE " + prefix + "/auth/api-keys/{id}", "keys:manage");
      EXPECTED.put("GET " + prefix + "/usage", "usage:read");
      EXPECTED.put("GET " + prefix + "/tenants", "tenants:manage");
      EXPECTED.put("POST " + prefix + "/tenants", "tenants:manage");
      EXPECTED.put("POST " + prefix + "/tenants/{id}/users", "tenants:manage");
      EXPECTED.put("PUT " + prefix + "/tenants/{id}/users/{user}", "tenants:manage");
    }
  }

  @Test
  void everyRouteUnderEveryPrefixRequiresItsExpectedPermission() {
    Map<String, String> actual = new LinkedHashMap<>();
    for (String route : app.routes()) {
      String[] parts = route.split(" ", 2);
      actual.put(route, app.routeAccess().of(parts[0], parts[1]).map(Object::toString).orElse("UNDECLARED"));
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(EXPECTED);
    assertThat(app.routeAccess().of("GET", "/ws").orElseThrow()).hasToString("debates:read +query-token");
    assertThat(app.routeAccess().of("GET", "/api/v2/not-a-route")).isEmpty();
  }

  @Test
  void overHttpEveryProtectedRouteRefusesAnonymousCallersAndViewersGet403WhereTheyLackThePermission() {
    ApiClient viewer = as("viewer");
    List<String> wrong = new ArrayList<>();
    for (String route : app.routes()) {
      String[] parts = route.split(" ", 2);
      String path = parts[1].replace("{id}", "deb_nope").replace("{name}", "demo").replace("{a}", "a").replace("{b}", "b")
          .replace("{user}", "u");
      String expected = EXPECTED.get(route);
      int status = anonymous.request(parts[0], path).status();
      boolean isPublic = expected.equals("public");
      if (isPublic ? status == 401 || status == 403 : status != 401) wrong.add("anonymous " + route + " → " + status);
      String permission = expected.split(" ")[0];
      if (!isPublic && !permission.equals("signed-in") && !dev.aragora.server.security.Role.VIEWER.permissions()
          .contains(dev.aragora.server.security.Permission.fromWire(permission))) {
        int asViewer = viewer.request(parts[0], path).status();
        if (asViewer != 403) wrong.add("viewer " + route + " → " + asViewer);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theHealthDocumentIsShortWithoutHealthReadAndFullWithIt() throws Exception {
    for (String path : List.of("/api/health", "/api/v2/health")) {
      ApiClient.Reply open = anonymous.get(path);
      assertThat(open.status()).isEqualTo(200);
      assertThat(open.body()).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));
      assertThat(ApiClient.withToken(app.port(), "garbage").get(path).body()).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));
      assertThat(as("member").get(path).body().has("version")).as("members lack health:read").isFalse();
      JsonNode full = internal.get(path).body();
      assertThat(full.get("status").asText()).isEqualTo("ok");
      assertThat(full.has("version")).isTrue();
      assertThat(full.has("database")).isTrue();
    }
    assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
    assertThat(anonymous.get("/readyz").status()).isEqualTo(200);
    assertThat(anonymous.raw("/").statusCode()).isEqualTo(200);
    assertThat(anonymous.raw("/docs").statusCode()).isEqualTo(200);
    assertThat(anonymous.raw("/api/v2/openapi.yaml").statusCode()).isEqualTo(200);
    assertThat(anonymous.raw("/metrics").statusCode()).as("no ARAGORA_METRICS_TOKEN: as before").isEqualTo(200);
  }

  @Test
  void aTokenInTheQueryIsTakenOnTheEventStreamOnly() throws Exception {
    String token = login("viewer@example.com", "viewer-password").get("access_token").asText();
    String id = internal.post("/api/v2/debates", DEBATE).body().get("id").asText();
    internal.await("/api/v2/debates/" + id, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(20));
    assertThat(anonymous.get("/api/v2/debates?access_token=" + token).status()).isEqualTo(401);
    assertThat(anonymous.get("/api/v2/debates/" + id + "/events?access_token=" + token).status()).isEqualTo(200);
    assertThat(anonymous.get("/api/v2/debates/" + id + "/events").status()).isEqualTo(401);

    HttpResponse<InputStream> sse = HTTP.send(HttpRequest.newBuilder(anonymous.uri("/api/v2/debates/" + id
        + "/events?access_token=" + token)).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(sse.statusCode()).isEqualTo(200);
    try (InputStream body = sse.body()) {
      String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text).contains("event: debate_start", "event: debate_end");
    }
    HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(anonymous.uri("/api/v2/debates/" + id + "/events"))
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);
  }

  @Test
  void theWebSocketNeedsATokenInTheHeaderOrTheQuery() throws Exception {
    String token = login("viewer@example.com", "viewer-password").get("access_token").asText();
    URI ws = URI.create("ws://127.0.0.1:" + app.port() + "/ws");
    assertThat(handshakeStatus(HTTP.newWebSocketBuilder(), ws)).isEqualTo(401);
    assertThat(handshakeStatus(HTTP.newWebSocketBuilder(), URI.create(ws + "?access_token=garbage"))).isEqualTo(401);
    assertThat(handshakeStatus(HTTP.newWebSocketBuilder().header("Authorization", "Bearer garbage"), ws)).isEqualTo(401);
    assertThat(pong(HTTP.newWebSocketBuilder(), URI.create(ws + "?access_token=" + token))).isTrue();
    assertThat(pong(HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token), ws)).isTrue();
  }

  private static int handshakeStatus(WebSocket.Builder builder, URI uri) {
    CompletableFuture<WebSocket> socket = builder.buildAsync(uri, new WebSocket.Listener() {});
    assertThatThrownBy(socket::join).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
    try {
      socket.join();
    } catch (CompletionException e) {
      return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }
    throw new AssertionError("unreachable");
  }

  private static boolean pong(WebSocket.Builder builder, URI uri) throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        reply.complete(data.toString());
        return null;
      }
    }).get(5, TimeUnit.SECONDS);
    socket.sendText("{\"type\":\"ping\"}", true);
    boolean ok = reply.get(5, TimeUnit.SECONDS).contains("pong");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    return ok;
  }

  @Test
  void withAMetricsTokenMetricsNeedItOrMetricsReadAndTheTokenOpensNothingElse() {
    String metricsToken = "metrics-token-0123456789";
    try (App withToken = TestAuth.start(Map.of("ARAGORA_DATA_DIR", dataDir.resolve("metrics").toString(),
        "ARAGORA_SIMILARITY_BACKEND", "tfidf", "ARAGORA_METRICS_TOKEN", metricsToken))) {
      assertThat(ApiClient.anonymous(withToken.port()).raw("/metrics").statusCode()).isEqualTo(401);
      ApiClient scraper = ApiClient.withToken(withToken.port(), metricsToken);
      assertThat(scraper.raw("/metrics").statusCode()).isEqualTo(200);
      assertThat(scraper.raw("/metrics").body()).contains("aragora_debates_active");
      assertThat(scraper.get("/api/v2/debates").status()).isEqualTo(403);
      assertThat(new ApiClient(withToken.port()).raw("/metrics").statusCode()).as("admins may scrape").isEqualTo(200);
      assertThat(ApiClient.withToken(withToken.port(), "wrong-metrics-token").raw("/metrics").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void productionRefusesToStartWithoutAJwtSecret() {
    assertThatThrownBy(() -> TestAuth.start(Map.of("ARAGORA_DATA_DIR", dataDir.resolve("prod").toString(),
        "ARAGORA_ENV", "production", "ARAGORA_JWT_SECRET", "")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ARAGORA_JWT_SECRET");
    assertThatThrownBy(() -> TestAuth.start(Map.of("ARAGORA_DATA_DIR", dataDir.resolve("prod").toString(),
        "ARAGORA_JWT_SECRET", "too-short")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 characters");
    assertThat(dataDir.resolve("prod").resolve("aragora.db")).as("nothing was created").doesNotExist();
  }
}
