package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.GatedVendor;
import dev.aragora.server.testing.TempPostgres;
import dev.aragora.server.testing.TestAuth;
import dev.aragora.server.testing.TestRedis;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two servers in this JVM on one PostgreSQL database and one Redis prefix: what one instance does to another's debates. */
class ServeInstancesApiTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  private TempPostgres database;
  private TestRedis redis;
  private GatedVendor vendor;
  private final List<App> apps = new ArrayList<>();

  @BeforeEach
  void start() {
    database = TempPostgres.create();
    redis = new TestRedis();
    vendor = new GatedVendor();
  }

  @AfterEach
  void stop() {
    apps.forEach(App::close);
    vendor.close();
    redis.close();
    database.close();
  }

  private App instance(String id, int maxConcurrent) {
    return instance(id, maxConcurrent, Map.of());
  }

  private App instance(String id, int maxConcurrent, Map<String, String> more) {
    Map<String, String> settings = new java.util.HashMap<>(Map.of("DATABASE_URL", database.url(), "ARAGORA_INSTANCE_ID", id,
        "ARAGORA_REDIS_URL", "redis://127.0.0.1:" + TestRedis.PORT, "ARAGORA_REDIS_KEY_PREFIX", redis.prefix(),
        "ARAGORA_DEBATE_LEASE_SECONDS", "3", "ARAGORA_DATA_DIR", dir.resolve(id).toString(),
        "ARAGORA_MAX_CONCURRENT_DEBATES", Integer.toString(maxConcurrent)));
    settings.putAll(more);
    Map<String, String> env = vendor.env(settings);
    App app = TestAuth.start(env);
    apps.add(app);
    return app;
  }

  private static String body(String task) {
    return "{\"task\":\"" + task + "\",\"agents\":\"" + GatedVendor.AGENTS + "\",\"rounds\":1}";
  }

  private String owner(String id) throws Exception {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl());
         PreparedStatement select = c.prepareStatement("SELECT lease_owner FROM debates WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  @Test
  void aDebateAdmittedOnABusyInstanceRunsOnAFreeOneAndIsCancelledFromEither() throws Exception {
    ApiClient a = new ApiClient(instance("inst-a", 1).port());
    ApiClient b = new ApiClient(instance("inst-b", 1).port());

    String first = a.post("/api/v2/debates", body("First?")).body().get("id").asText();
    String second = a.post("/api/v2/debates", body("Second?")).body().get("id").asText();

    a.await("/api/v2/debates/" + second, d -> d.get("status").asText().equals("running"), WAIT);
    assertThat(owner(first)).startsWith("inst-a#");
    assertThat(owner(second)).as("A was full: B took it").startsWith("inst-b#");

    ApiClient.Reply cancel = a.post("/api/v2/debates/" + second + "/cancel", "");
    assertThat(cancel.status()).isEqualTo(202);
    assertThat(cancel.body().get("status").asText()).isEqualTo("cancelling");
    JsonNode cancelled = b.await("/api/v2/debates/" + second, d -> d.get("status").asText().equals("cancelled"), WAIT);
    assertThat(cancelled.get("finished_at").isNull()).isFalse();

    vendor.open();
    JsonNode done = b.await("/api/v2/debates/" + first, d -> !d.get("finished_at").isNull(), WAIT);
    assertThat(done.get("status").asText()).isIn("consensus_reached", "completed");
  }

  /**
   * With the poll a minute apart, only the queue's doorbell (PostgreSQL NOTIFY) can bring a debate
   * admitted on a full instance to the free one within seconds.
   */
  @Test
  void aDebateAdmittedOnAFullInstanceIsPickedUpElsewhereWithoutWaitingForThePoll() throws Exception {
    Map<String, String> slowPoll = Map.of("ARAGORA_QUEUE_POLL_MS", "60000");
    ApiClient a = new ApiClient(instance("inst-a", 1, slowPoll).port());
    instance("inst-b", 1, slowPoll);
    String first = a.post("/api/v2/debates", body("First?")).body().get("id").asText();
    a.await("/api/v2/debates/" + first, d -> d.get("status").asText().equals("running"), WAIT);
    Thread.sleep(1500); // both schedulers are now waiting out their minute
    long admitted = System.nanoTime();
    String second = a.post("/api/v2/debates", body("Second?")).body().get("id").asText();
    a.await("/api/v2/debates/" + second, d -> d.get("status").asText().equals("running"), Duration.ofSeconds(10));
    assertThat(Duration.ofNanos(System.nanoTime() - admitted)).isLessThan(Duration.ofSeconds(5));
    assertThat(owner(second)).startsWith("inst-b#");
    vendor.open();
  }

  @Test
  void aRunWhoseLeaseWasTakenStopsWritingAndTheDebateCompletesOnceWithoutGaps() throws Exception {
    ApiClient a = new ApiClient(instance("inst-a", 2).port());
    String id = a.post("/api/v2/debates", body("Taken over?")).body().get("id").asText();
    a.await("/api/v2/debates/" + id + "/events", e -> e.get("events").size() >= 2, WAIT);

    // As if A had paused past its lease and another instance, since gone, had taken the debate.
    try (Connection c = DriverManager.getConnection(database.jdbcUrl());
         PreparedStatement steal = c.prepareStatement(
             "UPDATE debates SET lease_owner = 'ghost#1', lease_expires_at = 0 WHERE id = ?")) {
      steal.setString(1, id);
      assertThat(steal.executeUpdate()).isEqualTo(1);
    }
    vendor.open();

    JsonNode done = a.await("/api/v2/debates/" + id, d -> !d.get("finished_at").isNull(), WAIT);
    assertThat(done.get("status").asText()).isIn("consensus_reached", "completed");
    JsonNode events = a.get("/api/v2/debates/" + id + "/events?limit=1000").body().get("events");
    for (int i = 0; i < events.size(); i++) assertThat(events.get(i).get("seq").asLong()).isEqualTo(i + 1);
    List<String> types = new ArrayList<>();
    events.forEach(e -> types.add(e.get("type").asText()));
    assertThat(types).containsOnlyOnce("debate_end", "debate_start");
    assertThat(types.getLast()).isEqualTo("debate_end");
    JsonNode resumed = null;
    for (JsonNode e : events) if (e.get("type").asText().equals("debate_resumed")) resumed = e;
    assertThat(resumed).isNotNull();
    assertThat(resumed.at("/data/reason").asText()).isEqualTo("instance ghost stopped renewing its lease");
  }

  @Test
  void votesOnEveryInstanceAreWeighedByMatchesAnyInstanceRecorded() {
    App appA = instance("inst-a", 2);
    App appB = instance("inst-b", 2);
    ApiClient a = new ApiClient(appA.port());
    vendor.open();

    String id = a.post("/api/v2/debates", body("Rated?")).body().get("id").asText();
    a.await("/api/v2/debates/" + id, d -> !d.get("finished_at").isNull(), WAIT);
    JsonNode board = a.await("/api/v2/agents/leaderboard", l -> l.get("agents").size() == 2, WAIT);

    for (JsonNode agent : board.get("agents")) {
      AgentIdentity identity = AgentIdentity.parse(agent.get("agent").asText());
      await().atMost(WAIT).until(() -> appB.rankings().standing("default", identity).isPresent());
      assertThat(appB.rankings().standing("default", identity).orElseThrow().elo()).isEqualTo(agent.get("elo").asDouble());
    }
  }
}
