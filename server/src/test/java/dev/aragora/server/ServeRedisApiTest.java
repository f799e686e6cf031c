package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.GatedVendor;
import dev.aragora.server.testing.TcpProxy;
import dev.aragora.server.testing.TempPostgres;
import dev.aragora.server.testing.TestAuth;
import dev.aragora.server.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server instances sharing one PostgreSQL database and one Redis key prefix, as behind a load
 * balancer: a debate run by A streams live over SSE from B, the rankings cache is invalidated for
 * both, and with Redis gone both stay ready and B still streams A's debate from the event log.
 */
class ServeRedisApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dataDir;
  private TestRedis redis;
  private TempPostgres postgres;
  private GatedVendor vendor;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeEach
  void setUp() {
    redis = new TestRedis();
    postgres = TempPostgres.create();
    vendor = new GatedVendor();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : opened.reversed()) c.close();
    vendor.close();
    postgres.close();
    redis.close();
  }

  private App start(int redisPort) {
    Map<String, String> env = vendor.env(Map.of("DATABASE_URL", postgres.url(),
        "ARAGORA_REDIS_URL", "redis://127.0.0.1:" + redisPort + "/0", "ARAGORA_REDIS_KEY_PREFIX", redis.prefix(),
        "ARAGORA_DATA_DIR", dataDir.toString()));
    App app = TestAuth.start(env);
    opened.add(app);
    return app;
  }

  private record Event(long id, String type, JsonNode data) {}

  /** Reads B's SSE stream of the debate to its end, opening the vendor's gate once the first event is in. */
  private List<Event> streamUntilTheEnd(App app, String id, Runnable onFirstEvent) throws Exception {
    HttpResponse<Stream<String>> response = HTTP.send(TestAuth.authorized(HttpRequest.newBuilder(
            new ApiClient(app.port()).uri("/api/v2/debates/" + id + "/events")))
        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    List<Event> events = new ArrayList<>();
    assertTimeoutPreemptively(WAIT, () -> {
      Map<String, String> fields = new HashMap<>();
      for (Iterator<String> lines = response.body().iterator(); lines.hasNext(); ) {
        String line = lines.next();
        if (line.isEmpty() && !fields.isEmpty()) {
          events.add(new Event(Long.parseLong(fields.get("id")), fields.get("event"), JSON.readTree(fields.get("data"))));
          fields.clear();
          if (events.size() == 1) onFirstEvent.run();
        } else if (!line.isEmpty() && !line.startsWith(":")) {
          int colon = line.indexOf(':');
          fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
      }
    });
    return events;
  }

  private static String createGatedDebate(ApiClient api) {
    ApiClient.Reply created = api.post("/api/v2/debates",
        "{\"task\":\"Which database?\",\"agents\":\"" + GatedVendor.AGENTS + "\",\"rounds\":1}");
    assertThat(created.status()).isEqualTo(202);
    return created.body().get("id").asText();
  }

  /** The stream has every stored event once, in order from seq 1, and ends with debate_end. */
  private static void assertGapFree(List<Event> events, ApiClient api, String id) {
    List<JsonNode> stored = new ArrayList<>();
    api.get("/api/v2/debates/" + id + "/events?limit=1000").body().get("events").forEach(stored::add);
    assertThat(events.stream().map(Event::data).toList()).isEqualTo(stored);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).id()).isEqualTo(i + 1);
      assertThat(events.get(i).type()).isEqualTo(events.get(i).data().get("type").asText());
    }
    assertThat(events.getLast().type()).isEqualTo("debate_end");
  }

  @Test
  void aDebateRunOnAStreamsLiveFromBAndTheRankingsCacheIsDroppedForBoth() throws Exception {
    App a = start(TestRedis.PORT);
    App b = start(TestRedis.PORT);
    ApiClient onA = new ApiClient(a.port());
    ApiClient onB = new ApiClient(b.port());
    for (ApiClient api : List.of(onA, onB)) {
      assertThat(api.get("/api/health").body().get("redis").asText()).isEqualTo("connected");
      assertThat(api.get("/api/health").body().get("rate_limits").asText()).isEqualTo("redis");
      assertThat(api.get("/readyz").body()).isEqualTo(JSON.readTree("{\"status\":\"ready\",\"redis\":\"connected\"}"));
    }

    // What A publishes on the debates' channels, seen from outside.
    List<String> published = new CopyOnWriteArrayList<>();
    RedisClient client = RedisClient.create("redis://127.0.0.1:" + TestRedis.PORT);
    opened.add(client::shutdown);
    StatefulRedisPubSubConnection<String, String> watcher = client.connectPubSub();
    watcher.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String pattern, String channel, String message) {
        published.add(channel + "|" + message.split("\n", 4)[1]);
      }
    });
    watcher.sync().psubscribe(redis.prefix() + "events:*");

    String id = createGatedDebate(onA);
    AtomicLong subscribedInstances = new AtomicLong();
    List<Event> events = streamUntilTheEnd(b, id, () -> {
      subscribedInstances.set(redis.subscribers("events:" + id));
      vendor.open();
    });
    assertGapFree(events, onB, id);
    assertThat(subscribedInstances).hasValue(1);
    String channel = redis.prefix() + "events:" + id;
    assertThat(published).contains(channel + "|" + events.getLast().id());

    // B caches the empty leaderboard; a debate recorded by A drops it for B too.
    JsonNode before = onB.get("/api/v2/agents/leaderboard").body();
    vendor.open();
    String demo = onA.post("/api/v2/debates", "{\"task\":\"Tabs or spaces?\",\"agents\":"
        + "\"demo:skeptic,demo:optimist\",\"rounds\":1}").body().get("id").asText();
    onA.await("/api/v2/debates/" + demo, d -> !d.get("finished_at").isNull(), WAIT);
    JsonNode after = onA.await("/api/v2/agents/leaderboard",
        board -> board.get("agents").findValues("agent").stream().anyMatch(n -> n.asText().startsWith("demo/")), WAIT);
    assertThat(after).isNotEqualTo(before);
    assertThat(onB.get("/api/v2/agents/leaderboard").body()).isEqualTo(after);
  }

  @Test
  void withRedisGoneBothInstancesStayReadyAndBStillStreamsADebateRunOnAUntilRedisIsBack() throws Exception {
    try (TcpProxy proxy = new TcpProxy(TestRedis.PORT)) {
      App a = start(proxy.port());
      App b = start(proxy.port());
      ApiClient onA = new ApiClient(a.port());
      ApiClient onB = new ApiClient(b.port());

      proxy.stop();
      for (ApiClient api : List.of(onA, onB)) {
        JsonNode health = api.await("/api/health", h -> h.get("redis").asText().equals("disconnected"), WAIT);
        assertThat(health.get("status").asText()).isEqualTo("degraded");
        // The rate limits say they are each instance's own now.
        assertThat(health.get("rate_limits").asText()).isEqualTo("local_fallback");
        assertThat(api.get("/api/health").status()).isEqualTo(200);
        ApiClient.Reply ready = api.get("/readyz");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo(JSON.readTree("{\"status\":\"ready\",\"redis\":\"disconnected\"}"));
      }

      String id = createGatedDebate(onA);
      List<Event> events = streamUntilTheEnd(b, id, vendor::open);
      assertGapFree(events, onB, id);

      proxy.start();
      for (ApiClient api : List.of(onA, onB)) {
        JsonNode health = api.await("/api/health", h -> h.get("redis").asText().equals("connected"), WAIT);
        assertThat(health.get("status").asText()).isEqualTo("ok");
        api.await("/api/health", h -> h.get("rate_limits").asText().equals("redis"), WAIT);
      }
      await().atMost(WAIT).until(() -> onB.get("/readyz").body().get("redis").asText().equals("connected"));
    }
  }
}
