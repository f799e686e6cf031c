package dev.aragora.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.testing.FakeVendorServer;
import dev.aragora.core.testing.Scripted;
import dev.aragora.core.testing.VendorBodies;
import dev.aragora.server.App;
import dev.aragora.server.testing.TestAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The real App on a free port for stream tests, with demo agents and one gated agent: "ollama"
 * points at a local fake vendor whose every answer waits for {@link #allowCalls}, so a debate
 * that includes it stays live for as long as a test wants.
 */
final class StreamServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DEMO_TEAM = "[\"demo:skeptic\",\"demo:optimist\"]";
  static final String GATED_TEAM = "[\"demo:skeptic\",\"ollama:llama3.2\"]";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final FakeVendorServer vendor;
  private final Semaphore calls = new Semaphore(0);
  private final App app;

  private StreamServer(Path dataDir, Map<String, String> extraEnv) {
    vendor = FakeVendorServer.start();
    vendor.dispatcher(request -> {
      try {
        // Bounded, so a forgotten gate cannot hang the build.
        calls.tryAcquire(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String text = "I support the proposal; it is sound. VOTE: demo:skeptic";
      return request.json().path("stream").asBoolean()
          ? Scripted.sse(VendorBodies.openAiStreamEvents(List.of(text), 10, 10))
          : Scripted.ok(VendorBodies.openAiCompletion(text, 10, 10));
    });
    Map<String, String> env = new HashMap<>(Map.of("ARAGORA_DATA_DIR", dataDir.toString(),
        "ARAGORA_SIMILARITY_BACKEND", "tfidf", "ARAGORA_MAX_CONCURRENT_DEBATES", "4",
        "OLLAMA_BASE_URL", vendor.baseUrl()));
    env.putAll(extraEnv);
    App started;
    try {
      started = TestAuth.start(env);
    } catch (RuntimeException e) {
      vendor.close();
      throw e;
    }
    app = started;
  }

  static StreamServer start(Path dataDir, Map<String, String> extraEnv) {
    return new StreamServer(dataDir, extraEnv);
  }

  /** Lets {@code n} more calls to the gated agent answer. */
  void allowCalls(int n) {
    calls.release(n);
  }

  /** Takes back the calls allowed but not made yet, so the gated agent waits again. */
  void closeGate() {
    calls.drainPermits();
  }

  URI http(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  URI ws(String pathAndQuery) {
    return URI.create("ws://127.0.0.1:" + app.port() + pathAndQuery);
  }

  int port() {
    return app.port();
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(TestAuth.authorized(HttpRequest.newBuilder(http(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode getJson(String path) throws Exception {
    return JSON.readTree(get(path).body());
  }

  /** Creates a debate with {@code team} and one round; returns its id. */
  String createDebate(String task, String team) throws Exception {
    String body = "{\"task\":\"" + task + "\",\"agents\":" + team + ",\"rounds\":1}";
    HttpResponse<String> response = HTTP.send(TestAuth.authorized(HttpRequest.newBuilder(http("/api/v2/debates")))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).get("id").asText();
  }

  /** Creates a demo debate and waits until it has finished. */
  String finishedDebate(String task) throws Exception {
    String id = createDebate(task, DEMO_TEAM);
    awaitFinished(id);
    return id;
  }

  void awaitFinished(String id) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
        .until(() -> !getJson("/api/v2/debates/" + id).get("finished_at").isNull());
  }

  /** The debate's stored envelopes, in seq order, read through the polling API. */
  List<JsonNode> storedEvents(String id) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    getJson("/api/v2/debates/" + id + "/events?limit=1000").get("events").forEach(events::add);
    return events;
  }

  int websocketConnections() throws Exception {
    return getJson("/api/health").get("websocket_connections").asInt();
  }

  @Override
  public void close() {
    calls.release(10_000);
    try {
      app.close();
    } finally {
      vendor.close();
    }
  }
}
