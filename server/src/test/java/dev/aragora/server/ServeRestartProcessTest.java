package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.testing.FakeVendorServer;
import dev.aragora.server.store.Database;
import dev.aragora.server.store.DatabaseSettings;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.testing.DebaterScript;
import dev.aragora.server.testing.ServerProcess;
import dev.aragora.server.testing.TestAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server as a separate JVM ({@code aragora serve}), stopped mid-debate and started again
 * on the same data directory. Agents talk to a fake OpenAI-compatible server that answers every
 * call after a fixed delay, so the debate is still running when the process stops.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServeRestartProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LATENCY = Duration.ofMillis(300);
  private static final String AGENTS = "openai-api:m1,openai-api:m2,openai-api:m3";

  @TempDir
  Path dataDir;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<ServerProcess> started = new ArrayList<>();
  private FakeVendorServer vendor;

  @BeforeEach
  void startVendor() {
    vendor = FakeVendorServer.start();
    vendor.dispatcher(request -> DebaterScript.reply(request, LATENCY));
  }

  @AfterEach
  void stopAll() {
    started.forEach(ServerProcess::close);
    vendor.close();
  }

  @Test
  void aDebateRunningWhenTheProcessIsKilledIsResumedAtTheNextStart() throws Exception {
    ServerProcess first = start(Map.of());
    String id = createDebate(first);
    waitForEvent(first, id, e -> e.path("type").asText().equals("phase_start")
        && e.path("data").path("phase").asText().equals("revision"));

    first.process().destroyForcibly();
    assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(status(id)).isEqualTo("running"); // as the crash left it

    ServerProcess second = start(Map.of());
    long resumeStart = System.nanoTime();
    JsonNode debate = waitUntilFinished(second, id);
    System.out.printf("kill -9 test: the resumed debate finished %d ms after the restart%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumeStart));

    assertThat(debate.path("status").asText()).isIn("consensus_reached", "completed");
    List<JsonNode> events = allEvents(second, id);
    assertCompleteSequence(events);
    assertThat(events).anySatisfy(e -> assertThat(e.path("type").asText()).isEqualTo("debate_resumed"));
    stop(second);
  }

  @Test
  void sigtermCheckpointsARunningDebateWithinTheBudgetAndItCompletesAfterRestart() throws Exception {
    Map<String, String> env = Map.of("ARAGORA_SHUTDOWN_TIMEOUT", "10");
    ServerProcess first = start(env);
    String id = createDebate(first);
    waitForEvent(first, id, e -> e.path("type").asText().equals("phase_start")
        && e.path("data").path("phase").asText().equals("critique"));

    long stopStart = System.nanoTime();
    first.process().destroy(); // SIGTERM
    assertThat(first.process().waitFor(15, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
    long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopStart);
    System.out.printf("SIGTERM test: the process exited %d ms after SIGTERM (budget 10 s)%n", stopMillis);
    assertThat(stopMillis).isLessThan(10_000);
    assertThat(status(id)).isEqualTo("queued");

    ServerProcess second = start(env);
    JsonNode debate = waitUntilFinished(second, id);

    assertThat(debate.path("status").asText()).isIn("consensus_reached", "completed");
    List<JsonNode> events = allEvents(second, id);
    assertCompleteSequence(events);
    assertThat(events).filteredOn(e -> e.path("type").asText().equals("debate_resumed")).singleElement()
        .satisfies(e -> assertThat(e.path("data").path("reason").asText()).isEqualTo("server restarted"));
    stop(second);
  }

  // --- the server process ---------------------------------------------------------------------

  private ServerProcess start(Map<String, String> extraEnv) throws Exception {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("ARAGORA_DATA_DIR", dataDir.toString());
    env.put("OPENAI_API_KEY", "sk-test");
    env.put("OPENAI_BASE_URL", vendor.baseUrl() + "/v1");
    ServerProcess server = ServerProcess.start(env);
    started.add(server);
    return server;
  }

  private void stop(ServerProcess server) throws InterruptedException {
    assertThat(server.stop(30)).isTrue();
  }

  private String status(String id) {
    try (Database database = Database.open(DatabaseSettings.fromEnv(Map.of("ARAGORA_DATA_DIR", dataDir.toString())))) {
      return new DebateRepository(database, JSON, InstantSource.system()).find(id).orElseThrow().status();
    }
  }

  // --- HTTP -----------------------------------------------------------------------------------

  private JsonNode get(ServerProcess server, String path) throws Exception {
    HttpResponse<String> response = client.send(TestAuth.authorized(HttpRequest.newBuilder(
        URI.create(server.baseUrl() + path))).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private String createDebate(ServerProcess server) throws Exception {
    String body = "{\"task\":\"Should we split our monolith?\",\"agents\":\"" + AGENTS + "\",\"rounds\":2}";
    HttpResponse<String> response = client.send(TestAuth.authorized(HttpRequest.newBuilder(
        URI.create(server.baseUrl() + "/api/v2/debates"))).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).path("id").asText();
  }

  private List<JsonNode> allEvents(ServerProcess server, String id) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    long since = 0;
    while (true) {
      JsonNode page = get(server, "/api/v2/debates/" + id + "/events?since=" + since);
      page.path("events").forEach(events::add);
      if (page.path("events").isEmpty()) return events;
      since = page.path("next_since").asLong();
    }
  }

  private void waitForEvent(ServerProcess server, String id, Predicate<JsonNode> wanted) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (allEvents(server, id).stream().anyMatch(wanted)) return;
      Thread.sleep(20);
    }
    throw new AssertionError("no such event of " + id + " within 30 s; server log: " + server.log());
  }

  private JsonNode waitUntilFinished(ServerProcess server, String id) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      JsonNode debate = get(server, "/api/v2/debates/" + id);
      if (DebateRepository.isTerminal(debate.path("status").asText())) return debate;
      Thread.sleep(50);
    }
    throw new AssertionError("debate " + id + " unfinished within 60 s; server log: " + server.log());
  }

  private static void assertCompleteSequence(List<JsonNode> events) {
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).path("seq").asLong()).as("seq of event %d", i).isEqualTo(i + 1);
    }
    assertThat(events).filteredOn(e -> e.path("type").asText().equals("debate_end")).hasSize(1);
    assertThat(events.get(events.size() - 1).path("type").asText()).isEqualTo("debate_end");
  }
}
