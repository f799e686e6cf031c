package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.event.DebateStarted;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.PhaseStarted;
import dev.aragora.core.provider.http.Json;
import dev.aragora.server.store.Database;
import dev.aragora.server.store.DatabaseSettings;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.store.EventLog;
import dev.aragora.server.testing.TestAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At start, the server takes up the debates the last process left queued or running. */
class ServeRecoveryApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir
  Path dataDir;

  private Map<String, String> env() {
    return Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf");
  }

  @Test
  void queuedDebatesRunAndUnresumableOnesFailWithAFinalDebateEnd() throws Exception {
    DebateRequest request = DebateRequest.of("Recover me?", AgentSpec.parseList("demo:skeptic,demo:optimist"))
        .withRounds(1);
    try (Database database = Database.open(DatabaseSettings.fromEnv(env()))) {
      DebateRepository debates = new DebateRepository(database, Json.mapper(), InstantSource.system());
      EventLog log = new EventLog(database, Json.mapper());
      debates.create("default", "d-queued", request, Map.of());
      debates.create("default", "d-crashed", request, Map.of());
      debates.updateStatus("d-crashed", Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING);
      // its stored events name other agents than its request: they cannot be continued
      log.append(new EventEnvelope("d-crashed", 1, Instant.now(), 0, "",
          new DebateStarted("Recover me?", List.of("demo:a", "demo:b"), 1, "majority", "all-to-all")));
      log.append(new EventEnvelope("d-crashed", 2, Instant.now(), 0, "", new PhaseStarted("proposal")));
    }

    try (App app = TestAuth.start(env())) {
      JsonNode queued = waitUntilFinished(app, "d-queued");
      JsonNode crashed = waitUntilFinished(app, "d-crashed");

      assertThat(queued.path("status").asText()).isIn("consensus_reached", "completed");
      assertThat(crashed.path("status").asText()).isEqualTo("failed");
      List<JsonNode> events = JSON.readerForListOf(JsonNode.class)
          .readValue(get(app, "/api/v2/debates/d-crashed/events").path("events"));
      assertThat(events).extracting(e -> e.path("seq").asLong()).containsExactly(1L, 2L, 3L);
      JsonNode end = events.get(2);
      assertThat(end.path("type").asText()).isEqualTo("debate_end");
      assertThat(end.path("data").path("status").asText()).isEqualTo("failed");
      assertThat(end.path("data").path("error").asText()).startsWith("cannot resume:").contains("demo:a");
    }
  }

  private JsonNode get(App app, String path) throws Exception {
    HttpResponse<String> response = client.send(TestAuth.authorized(HttpRequest.newBuilder(
        URI.create("http://localhost:" + app.port() + path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private JsonNode waitUntilFinished(App app, String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode debate = get(app, "/api/v2/debates/" + id);
      if (DebateRepository.isTerminal(debate.path("status").asText())) return debate;
      Thread.sleep(25);
    }
    throw new AssertionError("debate " + id + " unfinished within 20 s");
  }
}
