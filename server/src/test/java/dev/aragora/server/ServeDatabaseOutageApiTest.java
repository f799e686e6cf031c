package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.config.ServerConfig;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.TempPostgres;
import dev.aragora.server.testing.TcpProxy;
import dev.aragora.server.testing.TestAuth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL "restarts" under load: a TCP proxy between the server and the shared PostgreSQL cuts
 * every connection and refuses new ones, then accepts again. While it is down, requests that need
 * the database answer 503 database_unavailable with Retry-After at once; afterwards the same server
 * serves again, and every debate it accepted is still there.
 */
class ServeDatabaseOutageApiTest {
  private static final int CLIENTS = 3;
  private static final Duration BEFORE = Duration.ofMillis(1500);
  private static final Duration OUTAGE = Duration.ofMillis(3000);
  private static final Duration AFTER = Duration.ofMillis(1500);

  @TempDir
  Path dataDir;

  private record Sample(long start, long end, String method, int status, String code, String retryAfter) {
    long millis() {
      return TimeUnit.NANOSECONDS.toMillis(end - start);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void requestsFailFastWhileTheDatabaseIsDownAndSucceedAgainWithoutARestart() throws Exception {
    try (TempPostgres postgres = TempPostgres.create();
         TcpProxy proxy = new TcpProxy(TempPostgres.PORT)) {
      Map<String, String> env = Map.of("DATABASE_URL", postgres.url(proxy.port()), "ARAGORA_DATA_DIR", dataDir.toString(),
          "ARAGORA_SIMILARITY_BACKEND", "tfidf", "ARAGORA_MAX_QUEUED_DEBATES", "10000",
          "ARAGORA_DEBATE_LEASE_SECONDS", "3");
      try (App app = TestAuth.start(env)) {
        ApiClient api = new ApiClient(app.port());
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
          int client = i;
          clients.add(Thread.ofPlatform().name("load-" + i).start(() -> load(api, client, accepted, samples, stop)));
        }

        Thread.sleep(BEFORE);
        long downAt = System.nanoTime();
        proxy.stop();
        Thread.sleep(OUTAGE.dividedBy(2));
        int readyWhileDown = api.raw("/readyz").statusCode();
        int liveWhileDown = api.raw("/healthz").statusCode();
        Thread.sleep(OUTAGE.dividedBy(2));
        long upAt = System.nanoTime();
        proxy.start();
        api.await("/api/v2/debates?limit=1", body -> body != null && body.has("debates"), Duration.ofSeconds(20));
        long recoveredAt = System.nanoTime();
        Thread.sleep(AFTER);
        stop.set(true);
        for (Thread client : clients) client.join();

        List<Sample> down = window(samples, downAt, upAt);
        List<Sample> after = List.copyOf(samples).stream().filter(s -> s.start() - recoveredAt >= 0).toList();
        List<Sample> unavailable = down.stream().filter(s -> s.status() == 503).toList();
        long p99 = percentile(down, 0.99);
        System.out.printf("outage: %d requests before, %d while down (%d answered 503, p99 %d ms, max %d ms), "
                + "recovered %d ms after the database came back, %d requests after%n",
            List.copyOf(samples).stream().filter(s -> s.start() - downAt < 0).count(), down.size(), unavailable.size(), p99, percentile(down, 1.0),
            TimeUnit.NANOSECONDS.toMillis(recoveredAt - upAt), after.size());

        assertThat(samples).as("no request failed with anything but 503").allMatch(s -> s.status() < 500 || s.status() == 503);
        assertThat(unavailable).as("while down, requests needing the database get 503").hasSizeGreaterThan(20);
        assertThat(unavailable).allSatisfy(s -> {
          assertThat(s.code()).isEqualTo("database_unavailable");
          assertThat(s.retryAfter()).isEqualTo("2");
        });
        assertThat(p99).as("while down, answers come at once (p99 in ms)").isLessThan(1000);
        assertThat(readyWhileDown).isEqualTo(503);
        assertThat(liveWhileDown).isEqualTo(200);
        assertThat(after).as("requests after recovery").hasSizeGreaterThan(20)
            .allSatisfy(s -> assertThat(s.status()).as(s.toString()).isIn(200, 202));
        api.await("/readyz", body -> body != null && "ready".equals(body.path("status").asText()), Duration.ofSeconds(5));
        assertThat(accepted).hasSizeGreaterThan(10);
        // Runs the outage stopped are taken up again when their leases expire: every debate ends.
        Map<String, Integer> statuses = new java.util.TreeMap<>();
        for (String id : List.copyOf(accepted)) {
          JsonNode debate = api.await("/api/v2/debates/" + id, d -> d != null && !d.path("finished_at").isNull(),
              Duration.ofSeconds(30));
          statuses.merge(debate.get("status").asText(), 1, Integer::sum);
          JsonNode events = api.get("/api/v2/debates/" + id + "/events?limit=1000").body().get("events");
          for (int i = 0; i < events.size(); i++)
            assertThat(events.get(i).get("seq").asLong()).as("seq of event %d of %s", i, id).isEqualTo(i + 1);
          assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("debate_end");
        }
        System.out.println("outage: statuses of the accepted debates afterwards: " + statuses);
        assertThat(statuses.keySet()).as("every accepted debate decided").containsOnly("consensus_reached", "completed");
      }
    }
  }

  /** One client: every fourth request creates a debate, the others read one back or list them. */
  private static void load(ApiClient api, int client, List<String> accepted, List<Sample> samples, AtomicBoolean stop) {
    for (int n = 0; !stop.get(); n++) {
      long start = System.nanoTime();
      ApiClient.Reply reply;
      String method;
      if (n % 4 == 0) {
        method = "POST";
        reply = api.post("/api/v2/debates", "{\"task\":\"Outage " + client + "-" + n
            + "?\",\"agents\":\"demo:skeptic,demo:optimist\",\"rounds\":1}");
        if (reply.status() == 202) accepted.add(reply.body().get("id").asText());
      } else {
        method = "GET";
        List<String> known = List.copyOf(accepted);
        reply = known.isEmpty() || n % 3 == 0 ? api.get("/api/v2/debates?limit=5")
            : api.get("/api/v2/debates/" + known.get(ThreadLocalRandom.current().nextInt(known.size())));
      }
      String code = reply.body() == null ? "" : reply.body().path("error").path("code").asText("");
      samples.add(new Sample(start, System.nanoTime(), method, reply.status(), code, reply.header("Retry-After")));
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static List<Sample> window(List<Sample> samples, long from, long to) {
    return List.copyOf(samples).stream().filter(s -> s.start() - from >= 0 && s.start() - to < 0).toList();
  }

  private static long percentile(List<Sample> samples, double q) {
    List<Long> millis = samples.stream().map(Sample::millis).sorted().toList();
    if (millis.isEmpty()) return 0;
    return millis.get(Math.min(millis.size() - 1, (int) Math.ceil(q * millis.size()) - 1));
  }
}
