package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.server.testing.RawHttp;
import dev.aragora.server.testing.TestAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server over real HTTP: probes, debates end to end on demo agents, bad input, 404s and aliases. */
class ServeApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String TEAM = "[\"demo:skeptic\",\"demo:optimist\",\"demo:economist\"]";

  @TempDir
  static Path dataDir;
  private static App app;

  private record Reply(int status, JsonNode body) {}

  @BeforeAll
  static void start() {
    app = start(Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf",
        "ARAGORA_MAX_CONCURRENT_DEBATES", "2"));
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  private static Reply get(String path) throws Exception {
    return send(TestAuth.authorized(HttpRequest.newBuilder(uri(path))).GET().build());
  }

  private static Reply post(String path, String body) throws Exception {
    return post(path, HttpRequest.BodyPublishers.ofString(body));
  }

  private static Reply post(String path, HttpRequest.BodyPublisher body) throws Exception {
    return send(TestAuth.authorized(HttpRequest.newBuilder(uri(path))).header("Content-Type", "application/json").POST(body).build());
  }

  private static Reply send(HttpRequest request) throws Exception {
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return new Reply(response.statusCode(), JSON.readTree(response.body()));
  }

  private static URI uri(String path) {
    return URI.create("http://localhost:" + app.port() + path);
  }

  private static JsonNode awaitFinished(String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      JsonNode debate = get("/api/v2/debates/" + id).body();
      String status = debate.get("status").asText();
      if (!status.equals("queued") && !status.equals("running")) return debate;
      assertThat(System.nanoTime()).as("debate %s still %s", id, status).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static long total() throws Exception {
    return get("/api/v2/debates").body().get("total").asLong();
  }

  @Test
  void probesAnswer() throws Exception {
    assertThat(get("/healthz")).isEqualTo(new Reply(200, JSON.readTree("{\"status\":\"ok\"}")));
    for (String path : new String[] {"/readyz", "/ready", "/api/v2/health/ready"})
      assertThat(get(path)).as(path).isEqualTo(new Reply(200, JSON.readTree("{\"status\":\"ready\"}")));
    for (String path : new String[] {"/api/health", "/api/v2/health"}) {
      Reply health = get(path);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.body().get("status").asText()).isEqualTo("ok");
      assertThat(health.body().get("version").isTextual()).isTrue();
      assertThat(health.body().get("uptime_seconds").isIntegralNumber()).isTrue();
      assertThat(health.body().get("active_debates").isIntegralNumber()).isTrue();
      assertThat(health.body().get("websocket_connections").asInt()).isZero();
      assertThat(health.body().at("/database/type").asText()).isEqualTo("sqlite");
      assertThat(health.body().at("/database/ok").asBoolean()).isTrue();
      assertThat(health.body().get("redis").asText()).isEqualTo("not_configured");
    }
  }

  @Test
  void aDebateRunsToItsDecisionAndItsEventsCanBePolled() throws Exception {
    Reply created = post("/api/v2/debates", "{\"task\":\"Should we adopt a four-day work week?\",\"agents\":" + TEAM
        + ",\"rounds\":2,\"consensus\":\"majority\",\"topology\":\"ring\",\"metadata\":{\"team\":\"ops\"}}");
    assertThat(created.status()).isEqualTo(202);
    String id = created.body().get("id").asText();
    assertThat(created.body().get("status").asText()).isEqualTo("queued");
    assertThat(created.body().get("events_url").asText()).isEqualTo("/api/v2/debates/" + id + "/events");
    assertThat(created.body().get("ws_url").asText()).contains(id);

    JsonNode debate = awaitFinished(id);
    assertThat(debate.get("status").asText()).isIn("consensus_reached", "completed");
    assertThat(debate.get("task").asText()).isEqualTo("Should we adopt a four-day work week?");
    assertThat(debate.get("created_at").asText()).isNotEmpty();
    assertThat(debate.get("started_at").asText()).isNotEmpty();
    assertThat(debate.get("finished_at").asText()).isNotEmpty();
    assertThat(debate.at("/metadata/team").asText()).isEqualTo("ops");
    JsonNode result = debate.get("result");
    assertThat(result.get("final_answer") != null || result.has("finalAnswer")).isTrue();
    assertThat(result.get("participants")).hasSize(3);
    assertThat(result.get("votes")).hasSize(3);
    assertThat(result.get("status").asText()).isEqualTo(debate.get("status").asText());

    // Poll the events in pages of 7: seq runs 1..N with no gaps, from debate_start to debate_end.
    long since = 0;
    long expected = 1;
    String first = null;
    String last = null;
    while (true) {
      JsonNode page = get("/api/v2/debates/" + id + "/events?since=" + since + "&limit=7").body();
      if (page.get("events").isEmpty()) {
        assertThat(page.get("next_since").asLong()).isEqualTo(since);
        break;
      }
      for (JsonNode event : page.get("events")) {
        assertThat(event.get("seq").asLong()).isEqualTo(expected++);
        assertThat(event.get("debate_id").asText()).isEqualTo(id);
        if (first == null) first = event.get("type").asText();
        last = event.get("type").asText();
      }
      since = page.get("next_since").asLong();
      assertThat(since).isEqualTo(expected - 1);
    }
    assertThat(expected).isGreaterThan(3);
    assertThat(first).isEqualTo("debate_start");
    assertThat(last).isEqualTo("debate_end");
  }

  @Test
  void theListIsPagedAndFiltersByStatus() throws Exception {
    String a = post("/api/v2/debates", "{\"task\":\"List me A\",\"agents\":\"demo:skeptic,demo:optimist\",\"rounds\":1}")
        .body().get("id").asText();
    String b = post("/api/v2/debates", "{\"question\":\"List me B\",\"agents\":" + TEAM + ",\"rounds\":1}")
        .body().get("id").asText();
    String status = awaitFinished(a).get("status").asText();
    awaitFinished(b);

    JsonNode filtered = get("/api/v2/debates?status=" + status + "&limit=100").body();
    assertThat(filtered.get("limit").asInt()).isEqualTo(100);
    assertThat(filtered.get("debates").findValuesAsText("status")).containsOnly(status);
    assertThat(filtered.get("debates").findValuesAsText("id")).contains(a);
    assertThat(filtered.get("total").asLong()).isEqualTo(filtered.get("debates").size());

    JsonNode page = get("/api/v2/debates?limit=1&offset=0").body();
    assertThat(page.get("debates")).hasSize(1);
    assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(page.get("debates").get(0).get("task").isTextual()).isTrue();
    assertThat(page.get("debates").get(0).get("created_at").isTextual()).isTrue();
    assertThat(get("/api/v2/debates?limit=1000").body().get("limit").asInt()).isEqualTo(100);
    assertThat(get("/api/v2/debates?status=no_such_status").body().get("total").asLong()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{not json",
      "[1,2,3]",
      "{}",
      "{\"task\":42}",
      "{\"task\":\"   \"}",
      "{\"task\":\"ok?\",\"agents\":42}",
      "{\"task\":\"ok?\",\"agents\":[\"demo\",7]}",
      "{\"task\":\"ok?\",\"agents\":\"demo,no-such-vendor\"}",
      "{\"task\":\"ok?\",\"agents\":\"demo\"}",
      "{\"task\":\"ok?\",\"rounds\":\"three\"}",
      "{\"task\":\"ok?\",\"rounds\":2.5}",
      "{\"task\":\"ok?\",\"rounds\":0}",
      "{\"task\":\"ok?\",\"rounds\":13}",
      "{\"task\":\"ok?\",\"consensus\":\"loudest\"}",
      "{\"task\":\"ok?\",\"consensus\":1}",
      "{\"task\":\"ok?\",\"topology\":\"mesh\"}",
      "{\"task\":\"ok?\",\"metadata\":[1]}",
      "{\"task\":\"ok?\",\"agents\":\"demo:a,demo:b,demo:c,demo:d,demo:e,demo:f,demo:g,demo:h,demo:i,demo:j,demo:k\"}",
      "{\"task\":\"ok?\",\"agents\":\"demo:skeptic,openai-api\"}",
      "{\"task\":\"ok?\"} {\"task\":\"and this?\"}",
      "{\"task\":\"ok?\"}]",
  })
  void badInputIsRefusedWithA400AndNothingIsStored(String body) throws Exception {
    long before = total();
    Reply reply = post("/api/v2/debates", body);
    assertThat(reply.status()).as(body).isEqualTo(400);
    assertThat(reply.body().at("/error/code").asText()).isNotEmpty();
    assertThat(reply.body().at("/error/message").asText()).isNotEmpty();
    assertThat(reply.body().toString()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(total()).isEqualTo(before);
  }

  /** HEAD is GET without the body: same status and headers, answered by the same checks and handler. */
  @Test
  void headAnswersAsGetWouldWithoutTheBody() throws Exception {
    String auth = "Authorization: " + TestAuth.BEARER + "\r\n";
    for (String path : new String[] {"/api/v2/debates", "/api/v2/debates/deb_0000000000000000", "/readyz", "/healthz",
        "/api/v2/agents", "/no/such/route"}) {
      RawHttp.Response get = RawHttp.exchange(app.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + auth
          + "Connection: close\r\n\r\n", null, false, Duration.ofSeconds(5));
      RawHttp.Response head = RawHttp.exchange(app.port(), "HEAD " + path + " HTTP/1.1\r\nHost: x\r\n" + auth
          + "Connection: close\r\n\r\n", null, false, Duration.ofSeconds(5));
      assertThat(head.status()).as("HEAD " + path).isEqualTo(get.status());
      assertThat(head.header("Content-Type")).as("HEAD " + path).isEqualTo(get.header("Content-Type"));
      assertThat(head.body()).as("HEAD " + path).isEmpty();
      assertThat(get.body()).as("GET " + path).isNotEmpty();
    }
    // On one kept-alive connection, the answer to a GET sent after the HEAD starts right after the
    // HEAD's head: the HEAD's answer carried no body bytes.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("HEAD /api/v2/debates HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"
          + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      String both = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      int firstHeadEnd = both.indexOf("\r\n\r\n");
      assertThat(both.substring(firstHeadEnd + 4)).startsWith("HTTP/1.1 200").endsWith("{\"status\":\"ok\"}");
      assertThat(both.substring(0, firstHeadEnd)).startsWith("HTTP/1.1 200").contains("Content-Length: ");
    }
    RawHttp.Response anonymous = RawHttp.exchange(app.port(), "HEAD /api/v2/debates HTTP/1.1\r\nHost: x\r\n"
        + "Connection: close\r\n\r\n", null, false, Duration.ofSeconds(5));
    assertThat(anonymous.status()).isEqualTo(401);
  }

  @Test
  void errorsNameTheProblem() throws Exception {
    assertThat(post("/api/v2/debates", "{oops").body().at("/error/code").asText()).isEqualTo("invalid_json");
    // one JSON value and nothing after it: Jackson alone would take the first object and drop the rest
    Reply trailing = post("/api/v2/debates", "{\"task\":\"ok?\"} {\"task\":\"and this?\"}");
    assertThat(trailing.body().at("/error/code").asText()).isEqualTo("invalid_json");
    assertThat(trailing.body().at("/error/message").asText())
        .isEqualTo("request body is not valid JSON: more content follows the JSON value");
    Reply deep = post("/api/v2/debates", "{\"task\":\"ok?\",\"metadata\":" + "[".repeat(1500) + "]".repeat(1500) + "}");
    assertThat(deep.status()).isEqualTo(400);
    assertThat(deep.body().at("/error/message").asText()).contains("nesting depth").doesNotContain("StreamReadConstraints", "`");
    Reply unknown = post("/api/v2/debates", "{\"task\":\"ok?\",\"agents\":\"demo,no-such-vendor\"}");
    assertThat(unknown.body().at("/error/code").asText()).isEqualTo("invalid_agents");
    assertThat(unknown.body().at("/error/message").asText()).contains("no-such-vendor");
    Reply missingKey = post("/api/v2/debates", "{\"task\":\"ok?\",\"agents\":\"demo:skeptic,openai-api\"}");
    assertThat(missingKey.body().at("/error/code").asText()).isEqualTo("missing_credential");
    assertThat(missingKey.body().at("/error/message").asText()).contains("OPENAI_API_KEY");
    Reply tooMany = post("/api/v2/debates", "{\"task\":\"ok?\",\"rounds\":13}");
    assertThat(tooMany.body().at("/error/message").asText()).contains("too many rounds");
    Reply tooLong = post("/api/v2/debates", "{\"task\":\"" + "x".repeat(10_001) + "\"}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body().at("/error/code").asText()).isEqualTo("question_too_long");
  }

  @Test
  void anOversizedBodyIsRefusedWith413() throws Exception {
    long before = total();
    String huge = "{\"task\":\"ok?\",\"metadata\":{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}}";
    Reply reply = post("/api/v2/debates", huge);
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.body().at("/error/code").asText()).isEqualTo("payload_too_large");
    assertThat(total()).isEqualTo(before);
  }

  @Test
  void unknownThingsAre404s() throws Exception {
    Reply route = get("/no/such/route");
    assertThat(route.status()).isEqualTo(404);
    assertThat(route.body().at("/error/code").asText()).isEqualTo("not_found");
    for (String path : new String[] {"/api/v2/debates/deb_missing", "/api/v2/debates/deb_missing/events", "/api/v1/debates/nope"}) {
      Reply reply = get(path);
      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.body().at("/error/code").asText()).isEqualTo("not_found");
      assertThat(reply.body().at("/error/message").asText()).contains("no debate");
    }
  }

  @Test
  void v1AndBareApiAliasesServeTheSameDebates() throws Exception {
    Reply created = post("/api/v1/debates", "{\"question\":\"Is the v1 alias alive?\",\"agents\":" + TEAM + ",\"rounds\":1}");
    assertThat(created.status()).isEqualTo(202);
    String id = created.body().get("id").asText();
    awaitFinished(id);
    assertThat(get("/api/v1/debates/" + id).body().get("task").asText()).isEqualTo("Is the v1 alias alive?");
    assertThat(get("/api/debates/" + id).body().get("result").isObject()).isTrue();
    assertThat(get("/api/v1/debates/" + id + "/events?limit=1").body().get("events")).hasSize(1);
    assertThat(get("/api/debates?limit=100").body().get("debates").findValuesAsText("id")).contains(id);
  }

  private static App start(Map<String, String> env) {
    return TestAuth.start(env);
  }
}
