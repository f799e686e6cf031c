package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.TempPostgres;
import dev.aragora.server.testing.TestAuth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two (then three) servers on one PostgreSQL database count every tenant's usage into one budget. */
class ServeQuotasInstancesApiTest {
  private static final String DEBATE = "{\"task\":\"Shared budget?\",\"agents\":[\"demo:skeptic\",\"demo:optimist\"],"
      + "\"rounds\":1}";

  @TempDir
  Path dir;
  private TempPostgres database;
  private final List<App> apps = new ArrayList<>();

  @BeforeEach
  void createDatabase() {
    database = TempPostgres.create();
  }

  @AfterEach
  void stop() {
    apps.forEach(App::close);
    database.close();
  }

  private App instance(String id, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", database.url(), "ARAGORA_INSTANCE_ID", id,
        "ARAGORA_DATA_DIR", dir.resolve(id).toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf",
        "ARAGORA_MULTI_TENANT", "true"));
    env.putAll(extra);
    App app = TestAuth.start(env);
    apps.add(app);
    return app;
  }

  @Test
  void debatesCreatedAtOnceOnTwoInstancesStopExactlyAtTheQuota() throws Exception {
    Map<String, String> quota = Map.of("ARAGORA_QUOTA_DEBATES", "4", "ARAGORA_MAX_QUEUED_DEBATES", "100");
    App a = instance("a", quota);
    App b = instance("b", quota);
    assertThat(new ApiClient(a.port()).post("/api/v2/tenants", "{\"id\":\"acme\"}").status()).isEqualTo(201);
    List<ApiClient> clients = List.of(new ApiClient(a.port()).withHeader("X-Tenant-ID", "acme"),
        new ApiClient(b.port()).withHeader("X-Tenant-ID", "acme"));

    ExecutorService pool = Executors.newFixedThreadPool(10);
    List<Integer> statuses = new ArrayList<>();
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        ApiClient client = clients.get(i % 2);
        tasks.add(() -> client.post("/api/v2/debates", DEBATE).status());
      }
      for (Future<Integer> f : pool.invokeAll(tasks)) statuses.add(f.get());
    } finally {
      pool.shutdownNow();
    }

    assertThat(statuses).filteredOn(s -> s == 202).hasSize(4);
    assertThat(statuses).filteredOn(s -> s == 402).hasSize(6);
    for (ApiClient client : clients) {
      assertThat(client.get("/api/v2/debates").body().get("total").asInt()).isEqualTo(4);
      assertThat(client.get("/api/v2/usage").body().at("/quotas/debates/used").asLong()).isEqualTo(4);
    }
    // Another tenant's budget is its own.
    assertThat(new ApiClient(b.port()).post("/api/v2/debates", DEBATE).status()).isEqualTo(202);
    for (ApiClient client : List.of(clients.get(0), new ApiClient(a.port())))
      client.await("/api/v2/debates", d -> d.get("debates").findValues("finished_at").stream().noneMatch(f -> f.isNull()),
          Duration.ofSeconds(30));
  }

  @Test
  void apiCallsCountedOnEachInstanceAddUpInTheDatabase() {
    Map<String, String> metering = Map.of("ARAGORA_METERING_FLUSH_INTERVAL", "3600");
    App a = instance("a", metering);
    App b = instance("b", metering);
    ApiClient onA = new ApiClient(a.port());
    ApiClient onB = new ApiClient(b.port());
    for (int i = 0; i < 7; i++) assertThat(onA.get("/api/v2/debates").status()).isEqualTo(200);
    for (int i = 0; i < 5; i++) assertThat(onB.get("/api/v2/agents").status()).isEqualTo(200);
    assertThat(onA.get("/api/v2/usage").body().at("/quotas/api_calls/used").asLong()).as("A's own, unflushed")
        .isEqualTo(7);

    // Stopping flushes what each counted; a third instance reads the sum from the database.
    a.close();
    b.close();
    App c = instance("c", metering);
    assertThat(new ApiClient(c.port()).get("/api/v2/usage").body().at("/quotas/api_calls/used").asLong())
        .as("7 on A, its usage call, 5 on B").isEqualTo(13);
  }

  @Test
  void withAFlushIntervalOfZeroAnInstanceRefusesOnceTheBudgetIsUsedUpElsewhere() {
    Map<String, String> quota = Map.of("ARAGORA_QUOTA_API_CALLS", "6", "ARAGORA_METERING_FLUSH_INTERVAL", "0");
    App a = instance("a", quota);
    App b = instance("b", quota);
    ApiClient onA = new ApiClient(a.port());
    ApiClient onB = new ApiClient(b.port());
    assertThat(onB.get("/api/v2/debates").status()).isEqualTo(200);
    for (int i = 0; i < 5; i++) assertThat(onA.get("/api/v2/debates").status()).isEqualTo(200);
    assertThat(onA.get("/api/v2/debates").status()).isEqualTo(429);
    // With a flush interval of 0 every check reads the database: B refuses at once too.
    assertThat(onB.get("/api/v2/debates").status()).isEqualTo(429);
    assertThat(onB.get("/api/v2/usage").body().at("/quotas/api_calls/used").asLong()).isEqualTo(6);
  }
}
