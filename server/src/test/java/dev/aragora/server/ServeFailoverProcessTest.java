package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.testing.FakeVendorServer;
import dev.aragora.core.testing.RecordedRequest;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.testing.DebaterScript;
import dev.aragora.server.testing.Nginx;
import dev.aragora.server.testing.ServerProcess;
import dev.aragora.server.testing.TempPostgres;
import dev.aragora.server.testing.TestAuth;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real server processes on one PostgreSQL database and one Redis prefix, behind nginx as
 * seeds/002 configures it. Thirty debates of fake-vendor agents are created and followed over SSE
 * through nginx; mid-run the instance holding the most debates is killed with SIGKILL. Every
 * debate must complete, with a complete, gap-free event sequence that each stream client received
 * exactly once across its reconnects, and no agent may be asked again for a step whose answer was
 * already stored.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ServeFailoverProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int INSTANCES = 3;
  private static final int DEBATES = 30;
  private static final Duration LATENCY = Duration.ofMillis(250);
  private static final String AGENTS = "openai-api:m1,openai-api:m2,openai-api:m3";
  private static final Pattern QUESTION = Pattern.compile("Question (\\d+):");
  /** The most calls one phase of a 3-agent debate makes (each agent critiques the two others). */
  private static final int CALLS_PER_PHASE = 6;

  @TempDir
  Path dir;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable resource : resources.reversed()) resource.close();
  }

  @Test
  void killingAnInstanceMidRunLosesNoDebateNoEventAndRepeatsNoStoredStep() throws Exception {
    TempPostgres database = keep(TempPostgres.create());
    FakeVendorServer vendor = keep(FakeVendorServer.start());
    vendor.dispatcher(request -> DebaterScript.reply(request, LATENCY));
    String prefix = "aragora-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ":";
    List<ServerProcess> servers = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      Map<String, String> env = new HashMap<>();
      env.put("DATABASE_URL", database.url());
      env.put("ARAGORA_DB_POOL_SIZE", "5");
      env.put("ARAGORA_REDIS_URL", "redis://127.0.0.1:6379");
      env.put("ARAGORA_REDIS_KEY_PREFIX", prefix);
      env.put("ARAGORA_INSTANCE_ID", "inst-" + i);
      env.put("ARAGORA_DEBATE_LEASE_SECONDS", "3");
      env.put("ARAGORA_MAX_CONCURRENT_DEBATES", "10");
      env.put("ARAGORA_DATA_DIR", dir.resolve("data-" + i).toString());
      env.put("OPENAI_API_KEY", "sk-test");
      env.put("OPENAI_BASE_URL", vendor.baseUrl() + "/v1");
      servers.add(keep(ServerProcess.start(env)));
    }
    Nginx nginx = keep(Nginx.balance(dir.resolve("nginx"), servers.stream().map(ServerProcess::port).toList()));

    List<String> ids = new ArrayList<>();
    for (int k = 0; k < DEBATES; k++) ids.add(createDebate(nginx, k));
    Map<String, StreamClient> streams = new ConcurrentHashMap<>();
    for (String id : ids) streams.put(id, StreamClient.follow(client, nginx.baseUrl(), id));

    // Kill the instance running the most debates once every stream is open and debates are under way.
    for (StreamClient stream : streams.values()) assertThat(stream.awaitOpen(Duration.ofSeconds(20))).isTrue();
    Map<String, List<String>> running = awaitRunningWithProgress(database, 3);
    String victim = running.entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size()))
        .orElseThrow().getKey();
    List<String> orphaned = running.get(victim);
    ServerProcess killed = servers.get(Integer.parseInt(victim.substring("inst-".length())));
    killed.kill();
    long killedAt = System.nanoTime();

    Map<String, JsonNode> finished = new HashMap<>();
    for (String id : ids) finished.put(id, awaitFinished(nginx, id, servers));
    System.out.printf("failover test: killed %s holding %d running debates; all %d debates ended %d ms later%n",
        victim, orphaned.size(), DEBATES, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));

    Map<String, Integer> reasked = reaskedCalls(vendor.requests(), ids);
    int reconnects = 0;
    int resumedCount = 0;
    for (String id : ids) {
      assertThat(finished.get(id).path("status").asText()).as(id).isIn("consensus_reached", "completed");
      List<JsonNode> events = storedEvents(nginx, id);
      assertCompleteSequence(id, events);
      StreamClient stream = streams.get(id);
      assertThat(stream.await(Duration.ofSeconds(30))).as("stream of %s ended with debate_end", id).isTrue();
      assertThat(stream.seqs()).as("seqs streamed for %s, once each, in order", id)
          .containsExactlyElementsOf(events.stream().map(e -> e.path("seq").asLong()).toList());
      reconnects += stream.reconnects();
      boolean resumed = events.stream().anyMatch(e -> e.path("type").asText().equals("debate_resumed"));
      // One that ran on the killed instance may have finished between the snapshot and the kill.
      if (resumed) {
        assertThat(orphaned).as("%s resumed, so it ran on the killed instance", id).contains(id);
        resumedCount++;
        assertThat(events).filteredOn(e -> e.path("type").asText().equals("debate_resumed")).singleElement()
            .satisfies(e -> assertThat(e.path("data").path("reason").asText())
                .isEqualTo("instance " + victim + " stopped renewing its lease"));
        assertThat(reasked.get(id)).as("calls repeated for %s (only the unfinished phase's)", id)
            .isLessThanOrEqualTo(CALLS_PER_PHASE);
      } else {
        assertThat(reasked.get(id)).as("calls repeated for %s", id).isZero();
      }
    }
    assertThat(resumedCount).as("debates taken over from the killed instance").isPositive();
    assertThat(reconnects).as("stream clients that were on the killed instance reconnected").isPositive();
    System.out.printf("failover test: %d debates resumed elsewhere, %d stream reconnects, %d calls repeated in all%n",
        resumedCount, reconnects,
        reasked.values().stream().mapToInt(Integer::intValue).sum());
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  private String createDebate(Nginx nginx, int k) throws Exception {
    String body = JSON.writeValueAsString(Map.of("task", "Question " + k + ": should we split our monolith?",
        "agents", AGENTS, "rounds", 3));
    HttpResponse<String> response = client.send(TestAuth.authorized(HttpRequest.newBuilder(URI.create(nginx.baseUrl() + "/api/v2/debates")))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).path("id").asText();
  }

  /** Running debates by instance, once every instance runs some and at least {@code min} have 5+ events. */
  private static Map<String, List<String>> awaitRunningWithProgress(TempPostgres database, int min) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
         Statement statement = connection.createStatement()) {
      while (System.nanoTime() < deadline) {
        Map<String, List<String>> running = new HashMap<>();
        int underWay = 0;
        try (ResultSet rows = statement.executeQuery("SELECT d.id, d.lease_owner, (SELECT COUNT(*) FROM debate_events e"
            + " WHERE e.debate_id = d.id) FROM debates d WHERE d.status = 'running'")) {
          while (rows.next()) {
            String instance = rows.getString(2).substring(0, rows.getString(2).lastIndexOf('#'));
            running.computeIfAbsent(instance, k -> new ArrayList<>()).add(rows.getString(1));
            if (rows.getLong(3) >= 5) underWay++;
          }
        }
        if (running.size() == INSTANCES && underWay >= min) return running;
        Thread.sleep(20);
      }
    }
    throw new AssertionError("debates did not get under way on every instance within 60 s");
  }

  private JsonNode awaitFinished(Nginx nginx, String id, List<ServerProcess> servers) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      JsonNode debate = get(nginx, "/api/v2/debates/" + id);
      if (debate != null && DebateRepository.isTerminal(debate.path("status").asText())) return debate;
      Thread.sleep(100);
    }
    throw new AssertionError("debate " + id + " unfinished within 120 s; logs: "
        + servers.stream().map(s -> String.join("\n", s.log())).collect(Collectors.joining("\n---\n")));
  }

  /** The body of a 200 answer, or null for any other (nginx may still be routing to the dead instance). */
  private JsonNode get(Nginx nginx, String path) throws Exception {
    HttpResponse<String> response = client.send(TestAuth.authorized(HttpRequest.newBuilder(URI.create(nginx.baseUrl() + path)))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }

  private List<JsonNode> storedEvents(Nginx nginx, String id) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    long since = 0;
    while (true) {
      JsonNode page = get(nginx, "/api/v2/debates/" + id + "/events?since=" + since + "&limit=500");
      assertThat(page).as("events of " + id).isNotNull();
      page.path("events").forEach(events::add);
      if (page.path("events").isEmpty()) return events;
      since = page.path("next_since").asLong();
    }
  }

  private static void assertCompleteSequence(String id, List<JsonNode> events) {
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).path("seq").asLong()).as("seq of event %d of %s", i, id).isEqualTo(i + 1);
    }
    assertThat(events).filteredOn(e -> e.path("type").asText().equals("debate_end")).hasSize(1);
    assertThat(events.getLast().path("type").asText()).isEqualTo("debate_end");
  }

  /** Per debate, how many vendor calls repeated an earlier one exactly (same agent, same prompt). */
  private static Map<String, Integer> reaskedCalls(List<RecordedRequest> requests, List<String> ids) {
    Map<String, Integer> repeated = new HashMap<>();
    for (String id : ids) repeated.put(id, 0);
    Map<String, AtomicInteger> seen = new HashMap<>();
    for (RecordedRequest request : requests) {
      String prompt = DebaterScript.userPrompt(request);
      Matcher question = QUESTION.matcher(request.body());
      if (!question.find()) continue;
      String id = ids.get(Integer.parseInt(question.group(1)));
      String key = id + "\u0000" + DebaterScript.agent(request) + "\u0000" + prompt;
      if (seen.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) repeated.merge(id, 1, Integer::sum);
    }
    return repeated;
  }

  /**
   * A client following one debate over SSE through the balancer; when its connection drops it
   * reconnects with {@code Last-Event-ID}, as a browser's EventSource does, until debate_end.
   */
  private static final class StreamClient {
    private final List<Long> seqs = new CopyOnWriteArrayList<>();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final Thread thread;
    private final CountDownLatch opened = new CountDownLatch(1);
    private volatile boolean ended;

    private StreamClient(HttpClient client, String base, String id) {
      this.thread = Thread.ofVirtual().name("sse-" + id).start(() -> run(client, base, id));
    }

    static StreamClient follow(HttpClient client, String base, String id) {
      return new StreamClient(client, base, id);
    }

    private void run(HttpClient client, String base, String id) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (!ended && System.nanoTime() < deadline) {
        HttpRequest.Builder request = TestAuth.authorized(HttpRequest.newBuilder(URI.create(base + "/api/v2/debates/" + id + "/events")))
            .header("Accept", "text/event-stream").GET();
        if (!seqs.isEmpty()) request.header("Last-Event-ID", Long.toString(seqs.getLast()));
        try {
          HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
          try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() == 200) read(lines);
          }
        } catch (Exception dropped) {
          // the instance went away mid-stream: reconnect
        }
        if (!ended) {
          reconnects.incrementAndGet();
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    private void read(BufferedReader lines) throws Exception {
      long seq = -1;
      String type = "";
      for (String line; (line = lines.readLine()) != null; ) {
        opened.countDown(); // the server's first comment opens the stream
        if (line.startsWith("id: ")) seq = Long.parseLong(line.substring(4).strip());
        else if (line.startsWith("event: ")) type = line.substring(7).strip();
        else if (line.isEmpty() && seq >= 0) {
          seqs.add(seq);
          if (type.equals("debate_end")) {
            ended = true;
            return;
          }
          seq = -1;
          type = "";
        }
      }
    }

    boolean awaitOpen(Duration timeout) throws InterruptedException {
      return opened.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean await(Duration timeout) throws InterruptedException {
      thread.join(timeout);
      return ended;
    }

    List<Long> seqs() {
      return seqs;
    }

    int reconnects() {
      return reconnects.get();
    }
  }
}
