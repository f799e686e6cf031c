package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.TestAuth;
import dev.aragora.server.testing.WsClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant isolation over real HTTP with ARAGORA_MULTI_TENANT on: tenant alpha runs a debate (so it has
 * a debate, events, a receipt, ratings, a match on its ranking channel and memory), then tenant beta
 * calls EVERY route under every prefix with alpha's ids and must get 404 (never 403, never alpha's
 * data) or an answer that holds nothing of alpha; the same through the shared API token acting for
 * beta; and the WebSocket and SSE streams, debate and {@code _leaderboard}, stay within the tenant.
 */
class ServeTenancyApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String ALPHA_TASK = "Should alpha adopt zebra-striped caching?";
  private static final String ALPHA_TEAM = "[\"demo:skeptic\",\"demo:optimist\"]";
  /** Beta debates with other personas, so that beta's own ratings never name alpha's agents. */
  private static final String BETA_DEBATE = "{\"task\":\"Beta's own question?\",\"agents\":"
      + "[\"demo:economist\",\"demo:pragmatist\"],\"rounds\":1}";

  @TempDir
  static Path dataDir;
  private static App app;
  private static ApiClient operator;
  private static ApiClient alpha;
  private static ApiClient beta;
  private static String alphaDebate;
  private static String alphaUser;
  private static String alphaKey;

  @BeforeAll
  static void start() {
    app = TestAuth.start(Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf",
        "ARAGORA_MULTI_TENANT", "true"));
    operator = new ApiClient(app.port());
    for (String tenant : List.of("alpha", "beta")) {
      assertThat(operator.post("/api/v2/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"" + tenant + " Inc\"}").status())
          .isEqualTo(201);
      assertThat(operator.post("/api/v2/tenants/" + tenant + "/users", "{\"email\":\"" + tenant
          + "-admin@example.com\",\"password\":\"" + tenant + "-password\",\"role\":\"admin\"}").status()).isEqualTo(201);
    }
    alpha = signIn("alpha");
    beta = signIn("beta");
    alphaUser = alpha.get("/api/v2/auth/me").body().get("subject").asText();
    alphaKey = alpha.post("/api/v2/auth/api-keys", "{\"name\":\"alpha-ci\"}").body().get("id").asText();
    alphaDebate = alpha.post("/api/v2/debates", "{\"task\":\"" + ALPHA_TASK + "\",\"agents\":" + ALPHA_TEAM
        + ",\"rounds\":1}").body().get("id").asText();
    alpha.await("/api/v2/debates/" + alphaDebate, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(30));
    // Recorded after the result is stored: wait until alpha's ratings, memory and receipt are all there.
    alpha.await("/api/v2/agents/leaderboard", b -> b.get("agents").size() > 0, Duration.ofSeconds(20));
    alpha.await("/api/v2/consensus/similar?q=" + encode(ALPHA_TASK), b -> b.get("results").size() > 0,
        Duration.ofSeconds(20));
    assertThat(alpha.get("/api/v2/debates/" + alphaDebate + "/receipt").status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  private static ApiClient signIn(String tenant) {
    return ApiClient.withToken(app.port(), login(tenant + "-admin@example.com", tenant + "-password"));
  }

  private static String login(String email, String password) {
    ApiClient.Reply reply = ApiClient.anonymous(app.port()).post("/api/v2/auth/login",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return reply.body().get("access_token").asText();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** What beta may see of alpha: nothing. */
  private static List<String> alphaMarkers() {
    return List.of(alphaDebate, "zebra-striped", "alpha-admin@example.com", alphaUser, alphaKey);
  }

  /** One call of a route and what it must answer. */
  private record Probe(String method, String path, String body, int status) {}

  /**
   * The call beta makes on {@code route} (a template under any prefix), with alpha's ids wherever the
   * route takes one, and the status it must get. Every route the server has needs a case here: a new
   * route fails the matrix until someone decides how it stays within a tenant.
   */
  private static Probe probe(String route, boolean asOperator, int n) {
    String[] parts = route.split(" ", 2);
    String method = parts[0];
    String template = parts[1];
    String prefix = template.startsWith("/api/v2/") ? "/api/v2" : template.startsWith("/api/v1/") ? "/api/v1"
        : template.startsWith("/api/") ? "/api" : "";
    String rest = template.substring(prefix.length());
    String key = method + " " + (prefix.isEmpty() ? template : rest);
    String id = alphaDebate;
    return switch (key) {
      case "GET /healthz", "GET /readyz", "GET /ready", "GET /health/ready", "GET /health", "GET /metrics", "GET /",
           "GET /docs", "GET /openapi.yaml" -> new Probe(method, template, null, 200);
      case "POST /debates" -> new Probe(method, template, BETA_DEBATE, 202);
      case "GET /debates" -> new Probe(method, template + "?limit=100", null, 200);
      case "GET /debates/{id}", "GET /debates/{id}/events", "GET /debates/{id}/messages",
           "POST /debates/{id}/cancel", "GET /debates/{id}/export/json", "GET /debates/{id}/export/md",
           "GET /debates/{id}/receipt", "GET /debates/{id}/receipt/md" ->
          new Probe(method, template.replace("{id}", id), null, 404);
      case "POST /receipts/verify" -> new Probe(method, template, "{}", 200);
      case "GET /agents" -> new Probe(method, template, null, 200);
      case "GET /agents/leaderboard" -> new Probe(method, template, null, 200);
      case "GET /agents/{name}" -> new Probe(method, template.replace("{name}", "demo:skeptic"), null, 404);
      case "GET /agents/{a}/head-to-head/{b}" ->
          new Probe(method, template.replace("{a}", "demo:skeptic").replace("{b}", "demo:optimist"), null, 200);
      case "GET /consensus/similar" -> new Probe(method, template + "?q=" + encode(ALPHA_TASK) + "&min_similarity=0",
          null, 200);
      case "POST /auth/login" -> new Probe(method, template, "{}", 400);
      case "POST /auth/refresh" -> new Probe(method, template, "{}", 400);
      // Logging out is checked with a session of its own (below); here a shared token has none.
      case "POST /auth/logout" -> new Probe(method, template, "", asOperator ? 400 : -1);
      case "GET /auth/me" -> new Probe(method, template, null, 200);
      case "POST /auth/revoke" -> new Probe(method, template, n % 2 == 0
          ? "{\"email\":\"alpha-admin@example.com\"}" : "{\"key_id\":\"" + alphaKey + "\"}", 404);
      case "GET /auth/users" -> new Probe(method, template, null, 200);
      case "POST /auth/users" -> new Probe(method, template, "{\"email\":\"beta-user-" + n + (asOperator ? "-op" : "")
          + "@example.com\",\"password\":\"beta-user-password\",\"role\":\"viewer\"}", 201);
      case "GET /auth/api-keys" -> new Probe(method, template, null, 200);
      // The shared token is not a user, so it has no keys to create.
      case "POST /auth/api-keys" -> new Probe(method, template, "{\"name\":\"beta-" + n + "\"}", asOperator ? 403 : 201);
      case "DELETE /auth/api-keys/{id}" -> new Probe(method, template.replace("{id}", alphaKey), null, 404);
      case "GET /usage" -> new Probe(method, template + "?tenant=alpha", null, asOperator ? 200 : 404);
      // Tenant management is the operators': a tenant's own admin gets 403 (a permission, not an id).
      case "GET /tenants" -> new Probe(method, template, null, asOperator ? 200 : 403);
      case "POST /tenants" -> new Probe(method, template, "{\"id\":\"alpha\"}", asOperator ? 409 : 403);
      case "POST /tenants/{id}/users" -> new Probe(method, template.replace("{id}", "alpha"),
          "{\"email\":\"intruder-" + n + "@example.com\",\"password\":\"intruder-password\"}", asOperator ? -1 : 403);
      case "PUT /tenants/{id}/users/{user}" -> new Probe(method,
          template.replace("{id}", "beta").replace("{user}", alphaUser), null, asOperator ? -1 : 403);
      default -> throw new AssertionError("no tenancy expectation for " + route + ": add one to probe()");
    };
  }

  /** Whether the answer may name alpha: only what an operator asked for on purpose. */
  private static boolean operatorView(String route) {
    return route.contains("/tenants") || route.endsWith("/usage");
  }

  private static List<String> runMatrix(ApiClient client, boolean asOperator) {
    List<String> wrong = new ArrayList<>();
    int n = 0;
    for (String route : app.routes()) {
      Probe probe = probe(route, asOperator, n++);
      if (probe.status() == -1) continue;
      ApiClient.Reply reply = client.request(probe.method(), probe.path(), probe.body());
      String body = reply.raw().body();
      if (reply.status() != probe.status())
        wrong.add(route + " → " + reply.status() + " (expected " + probe.status() + "): " + abbreviate(body));
      // A 404 may repeat the id it was asked for, a search its query; nothing else of alpha may appear.
      String rest = body.replace("'" + alphaDebate + "'", "").replace("'" + alphaKey + "'", "")
          .replace("'alpha-admin@example.com'", "").replace("\"query\":\"" + ALPHA_TASK + "\"", "");
      if (asOperator && operatorView(route)) continue;
      for (String marker : alphaMarkers())
        if (rest.contains(marker)) wrong.add(route + " leaks " + marker + ": " + abbreviate(body));
      // Only alpha's debate rated these two identities: beta's rankings must not know them.
      if (route.endsWith("/agents/leaderboard") && (body.contains("demo/skeptic") || body.contains("demo/optimist")))
        wrong.add(route + " ranks alpha's agents: " + abbreviate(body));
      if (route.endsWith("/head-to-head/{b}") && reply.status() == 200 && reply.body().get("matches").asInt() != 0)
        wrong.add(route + " counts alpha's match: " + abbreviate(body));
    }
    return wrong;
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  @Test
  void everyRouteUnderEveryPrefixKeepsBetaAwayFromAlphasData() {
    assertThat(runMatrix(beta, false)).isEmpty();
    // Alpha still has everything, and sees none of what beta created meanwhile.
    assertThat(alpha.get("/api/v2/debates/" + alphaDebate).status()).isEqualTo(200);
    JsonNode alphaList = alpha.get("/api/v2/debates?limit=100").body();
    assertThat(alphaList.get("debates").findValuesAsText("id")).contains(alphaDebate);
    assertThat(alphaList.get("debates").findValuesAsText("task")).containsOnly(ALPHA_TASK);
    assertThat(alpha.get("/api/v2/auth/users").body().findValuesAsText("email")).containsExactly("alpha-admin@example.com");
    // The ratings that weigh votes and pick auto_select teams are per tenant too.
    var skeptic = dev.aragora.core.agent.AgentIdentity.parse("demo/skeptic");
    assertThat(app.rankings().standing("alpha", skeptic)).isPresent();
    assertThat(app.rankings().standing("beta", skeptic)).isEmpty();
  }

  @Test
  void aNewDebateRecallsOnlyItsOwnTenantsPastDecisions() {
    // Tenants of their own, so that the question below is nobody else's data.
    String question = "Is a lemon-scented deploy pipeline worth it?";
    String body = "{\"task\":\"" + question + "\",\"agents\":[\"demo:economist\",\"demo:pragmatist\"],\"rounds\":1}";
    ApiClient gamma = operator.withHeader("X-Tenant-ID", "gamma");
    ApiClient delta = operator.withHeader("X-Tenant-ID", "delta");
    for (String tenant : List.of("gamma", "delta"))
      assertThat(operator.post("/api/v2/tenants", "{\"id\":\"" + tenant + "\"}").status()).isEqualTo(201);
    String first = gamma.post("/api/v2/debates", body).body().get("id").asText();
    gamma.await("/api/v2/debates/" + first, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(30));
    gamma.await("/api/v2/consensus/similar?q=" + encode(question), b -> b.get("results").size() > 0, Duration.ofSeconds(20));

    String mine = gamma.post("/api/v2/debates", body).body().get("id").asText();
    String theirs = delta.post("/api/v2/debates", body).body().get("id").asText();
    gamma.await("/api/v2/debates/" + mine, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(30));
    delta.await("/api/v2/debates/" + theirs, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(30));

    // The recalled block is stored with the request: gamma's new debate got gamma's earlier decision.
    assertThat(gamma.get("/api/v2/debates/" + mine + "/export/json").body().at("/request/context").asText())
        .contains("Past decisions");
    assertThat(delta.get("/api/v2/debates/" + theirs + "/export/json").body().at("/request/context").asText())
        .doesNotContain("Past decisions");
    assertThat(delta.get("/api/v2/consensus/similar?q=" + encode(question)).body().findValuesAsText("debate_id"))
        .doesNotContain(first, mine);
  }

  @Test
  void theSharedApiTokenActingForBetaSeesOnlyBeta() {
    ApiClient asBeta = operator.withHeader("X-Tenant-ID", "beta");
    assertThat(asBeta.get("/api/v2/auth/me").body().get("tenant_id").asText()).isEqualTo("beta");
    assertThat(runMatrix(asBeta, true)).isEmpty();
    ApiClient asAlpha = operator.withHeader("X-Tenant-ID", "alpha");
    assertThat(asAlpha.get("/api/v2/debates/" + alphaDebate).status()).isEqualTo(200);
    assertThat(operator.get("/api/v2/debates/" + alphaDebate).status()).as("no header: the default tenant").isEqualTo(404);
    ApiClient.Reply unknown = operator.withHeader("X-Tenant-ID", "nowhere").get("/api/v2/debates");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().at("/error/code").asText()).isEqualTo("unknown_tenant");
  }

  @Test
  void aUserCannotChooseAnotherTenantWithTheHeader() {
    ApiClient.Reply refused = beta.withHeader("X-Tenant-ID", "alpha").get("/api/v2/debates/" + alphaDebate);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().at("/error/code").asText()).isEqualTo("tenant_mismatch");
    assertThat(beta.withHeader("X-Tenant-ID", "beta").get("/api/v2/debates").status()).isEqualTo(200);
    // An API key acts for its owner's tenant.
    String key = beta.post("/api/v2/auth/api-keys", "{\"name\":\"beta-key\"}").body().get("key").asText();
    ApiClient withKey = ApiClient.withToken(app.port(), key);
    assertThat(withKey.get("/api/v2/debates/" + alphaDebate).status()).isEqualTo(404);
    assertThat(withKey.get("/api/v2/auth/me").body().get("tenant_id").asText()).isEqualTo("beta");
  }

  @Test
  void loggingOutEndsOnlyTheCallersSessionInItsTenant() {
    ApiClient session = ApiClient.withToken(app.port(), login("beta-admin@example.com", "beta-password"));
    assertThat(session.post("/api/v2/auth/logout", "").status()).isEqualTo(204);
    assertThat(alpha.get("/api/v2/debates").status()).isEqualTo(200);
  }

  @Test
  void tenantAdminsAreNotOperators() {
    JsonNode me = beta.get("/api/v2/auth/me").body();
    assertThat(me.get("operator").asBoolean()).isFalse();
    assertThat(me.get("permissions").findValuesAsText("")).isEmpty();
    List<String> permissions = new ArrayList<>();
    me.get("permissions").forEach(p -> permissions.add(p.asText()));
    assertThat(permissions).contains("users:manage", "usage:read").doesNotContain("tenants:manage", "metrics:read",
        "health:read");
    assertThat(beta.get("/api/v2/health").body().has("version")).as("the short health document").isFalse();
    ApiClient.Reply tenants = beta.get("/api/v2/tenants");
    assertThat(tenants.status()).isEqualTo(403);
    assertThat(tenants.body().at("/error/message").asText()).contains("operators");
    assertThat(operator.get("/api/v2/auth/me").body().get("operator").asBoolean()).isTrue();
    assertThat(operator.get("/api/v2/tenants").body().get("tenants").findValuesAsText("id"))
        .startsWith("default", "alpha", "beta");
  }

  @Test
  void usageIsPerTenantAndOnlyOperatorsAskForAnother() {
    JsonNode mine = beta.get("/api/v2/usage").body();
    assertThat(mine.get("tenant").asText()).isEqualTo("beta");
    JsonNode theirs = operator.get("/api/v2/usage?tenant=alpha").body();
    assertThat(theirs.get("tenant").asText()).isEqualTo("alpha");
    assertThat(theirs.at("/quotas/debates/used").asLong()).isEqualTo(1);
    assertThat(theirs.at("/quotas/tokens/used").asLong()).isPositive();
    assertThat(operator.get("/api/v2/usage?tenant=nowhere").status()).isEqualTo(404);
    assertThat(beta.get("/api/v2/usage?tenant=alpha").status()).isEqualTo(404);
    assertThat(beta.get("/api/v2/usage?tenant=beta").status()).isEqualTo(200);
  }

  @Test
  void movingAUserToAnotherTenantEndsItsSessionsAndItSignsInThere() {
    assertThat(operator.post("/api/v2/tenants/alpha/users", "{\"email\":\"mover@example.com\","
        + "\"password\":\"mover-password\",\"role\":\"member\"}").status()).isEqualTo(201);
    ApiClient before = ApiClient.withToken(app.port(), login("mover@example.com", "mover-password"));
    assertThat(before.get("/api/v2/auth/me").body().get("tenant_id").asText()).isEqualTo("alpha");
    assertThat(before.get("/api/v2/debates/" + alphaDebate).status()).isEqualTo(200);

    ApiClient.Reply moved = operator.put("/api/v2/tenants/beta/users/mover@example.com");
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.body().get("tenant_id").asText()).isEqualTo("beta");
    assertThat(before.get("/api/v2/debates").status()).as("its old token named alpha").isEqualTo(401);
    ApiClient after = ApiClient.withToken(app.port(), login("mover@example.com", "mover-password"));
    assertThat(after.get("/api/v2/auth/me").body().get("tenant_id").asText()).isEqualTo("beta");
    assertThat(after.get("/api/v2/debates/" + alphaDebate).status()).isEqualTo(404);
    assertThat(operator.put("/api/v2/tenants/nowhere/users/mover@example.com").status()).isEqualTo(404);
    assertThat(operator.put("/api/v2/tenants/beta/users/ghost@example.com").status()).isEqualTo(404);
    assertThat(operator.post("/api/v2/tenants", "{\"id\":\"Not A Slug\"}").status()).isEqualTo(400);
    assertThat(operator.post("/api/v2/tenants", "{\"id\":\"default\"}").status()).isEqualTo(409);
  }

  @Test
  void theWebSocketFollowsOnlyTheTenantsDebatesAndItsOwnRankingChannel() throws Exception {
    String betaDebate = beta.post("/api/v2/debates", BETA_DEBATE).body().get("id").asText();
    beta.await("/api/v2/debates/" + betaDebate, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(30));
    beta.await("/api/v2/agents/leaderboard", b -> b.get("agents").size() > 0, Duration.ofSeconds(20));
    String token = login("beta-admin@example.com", "beta-password");
    try (WsClient socket = WsClient.connectWithoutToken(URI.create("ws://127.0.0.1:" + app.port() + "/ws?access_token=" + token))) {
      socket.send("{\"type\":\"subscribe\",\"debate_id\":\"" + alphaDebate + "\"}");
      JsonNode refused = socket.next();
      assertThat(refused.get("type").asText()).isEqualTo("error");
      assertThat(refused.get("code").asText()).isEqualTo("not_found");
      // Asking for another tenant's channel by its stored name is asking for a debate that does not exist.
      socket.send("{\"type\":\"subscribe\",\"debate_id\":\"_leaderboard:alpha\"}");
      assertThat(socket.next().get("code").asText()).isEqualTo("not_found");

      socket.send("{\"type\":\"subscribe\",\"debate_id\":\"_leaderboard\"}");
      assertThat(socket.next().get("type").asText()).isEqualTo("subscribed");
      JsonNode first = socket.next();
      assertThat(first.get("type").asText()).isEqualTo("match_recorded");
      assertThat(first.get("debate_id").asText()).isEqualTo("_leaderboard");
      assertThat(first.get("seq").asLong()).as("beta's channel has its own numbering").isEqualTo(1);
      assertThat(first.at("/data/debate_id").asText()).isEqualTo(betaDebate);
      JsonNode second = socket.next();
      assertThat(second.get("type").asText()).isEqualTo("leaderboard_update");
      assertThat(second.toString()).doesNotContain("demo/skeptic", "demo/optimist", alphaDebate);

      socket.send("{\"type\":\"subscribe\",\"debate_id\":\"" + betaDebate + "\"}");
      assertThat(socket.next().get("type").asText()).isEqualTo("subscribed");
      assertThat(socket.next().get("debate_id").asText()).isEqualTo(betaDebate);
    }
  }

  @Test
  void serverSentEventsFollowOnlyTheTenantsStreams() throws Exception {
    String token = login("beta-admin@example.com", "beta-password");
    HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
            + "/api/v2/debates/" + alphaDebate + "/events?access_token=" + token))
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.body()).doesNotContain("debate_start");

    // Alpha's channel carries alpha's match; beta's carries none of it.
    String alphaToken = login("alpha-admin@example.com", "alpha-password");
    assertThat(firstData(alphaToken)).contains(alphaDebate);
    String betaDebate = beta.post("/api/v2/debates", BETA_DEBATE).body().get("id").asText();
    beta.await("/api/v2/debates/" + betaDebate, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(30));
    beta.await("/api/v2/agents/leaderboard", b -> b.get("agents").size() > 0, Duration.ofSeconds(20));
    String betaFirst = firstData(token);
    assertThat(betaFirst).doesNotContain(alphaDebate, "demo/skeptic");
    assertThat(JSON.readTree(betaFirst).at("/data/debate_id").asText()).startsWith("deb_");
  }

  /** The first event on the caller's {@code _leaderboard} SSE stream, replayed from the start. */
  private static String firstData(String token) throws Exception {
    HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
            + "/api/v2/debates/_leaderboard/events?access_token=" + token)).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine())
          if (line.startsWith("data:")) return line.substring(5).strip();
        return "";
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      return data.get(10, TimeUnit.SECONDS);
    } finally {
      stream.body().close();
    }
  }
}
