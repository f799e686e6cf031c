package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.TestAuth;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotas over real HTTP: each one used up answers 402 (API calls: 429) naming the quota, and nothing
 * of the refused request is written; the usage endpoint; metering off; the statsd backend.
 */
class ServeQuotasApiTest {
  private static final String DEBATE = "{\"task\":\"Within budget?\",\"agents\":[\"demo:skeptic\",\"demo:optimist\"],"
      + "\"rounds\":1}";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dataDir;
  private App app;
  private ApiClient api;

  private void start(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("ARAGORA_DATA_DIR", dataDir.toString(),
        "ARAGORA_SIMILARITY_BACKEND", "tfidf"));
    env.putAll(extra);
    app = TestAuth.start(env);
    api = new ApiClient(app.port());
  }

  @AfterEach
  void stop() {
    if (app != null) app.close();
  }

  private long rows(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("aragora.db"));
         Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private String create() {
    ApiClient.Reply reply = api.post("/api/v2/debates", DEBATE);
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(202);
    return reply.body().get("id").asText();
  }

  private void awaitFinished(String id) {
    api.await("/api/v2/debates/" + id, d -> !d.get("finished_at").isNull(), WAIT);
  }

  private static void assertRefused(ApiClient.Reply reply, int status, String quota, long limit) {
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
    JsonNode error = reply.body().get("error");
    assertThat(error.get("code").asText()).isEqualTo("quota_exceeded");
    assertThat(error.get("quota").asText()).isEqualTo(quota);
    assertThat(error.get("limit").asLong()).isEqualTo(limit);
    assertThat(error.get("used").asLong()).isGreaterThanOrEqualTo(limit);
    assertThat(error.get("message").asText()).contains(quota.replace("_", " ").replace("api calls", "API calls"));
  }

  @Test
  void theDebatesQuotaAnswers402AndTheRefusedDebateLeavesNothing() throws Exception {
    start(Map.of("ARAGORA_QUOTA_DEBATES", "2"));
    String first = create();
    String second = create();

    ApiClient.Reply refused = api.post("/api/v2/debates", DEBATE);
    assertRefused(refused, 402, "debates", 2);
    assertThat(refused.body().at("/error/used").asLong()).isEqualTo(2);
    assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
    assertThat(rows("SELECT COUNT(*) FROM debates")).isEqualTo(2);
    assertThat(api.get("/api/v1/debates").body().get("total").asInt()).isEqualTo(2);

    JsonNode usage = api.get("/api/v2/usage").body();
    assertThat(usage.get("tenant").asText()).isEqualTo("default");
    assertThat(usage.get("period").asText()).matches("\\d{4}-\\d{2}");
    assertThat(usage.get("metering_enabled").asBoolean()).isTrue();
    assertThat(usage.at("/quotas/debates/used").asLong()).isEqualTo(2);
    assertThat(usage.at("/quotas/debates/limit").asLong()).isEqualTo(2);
    assertThat(usage.at("/quotas/debates/ratio").asDouble()).isEqualTo(1.0);
    assertThat(usage.at("/quotas/api_calls/limit").asLong()).isEqualTo(100_000);
    assertThat(usage.at("/quotas/storage/limit").asLong()).isEqualTo(100_000_000_000L);
    assertThat(usage.at("/quotas/tokens/limit").asLong()).isEqualTo(10_000_000);
    awaitFinished(first);
    awaitFinished(second);
  }

  @Test
  void apiCallsOverTheQuotaAnswer429AndAreNeitherServedNorCounted() throws Exception {
    start(Map.of("ARAGORA_QUOTA_API_CALLS", "5"));
    for (int i = 0; i < 5; i++) assertThat(api.get("/api/v2/debates").status()).isEqualTo(200);
    assertThat(ApiClient.anonymous(app.port()).get("/api/health").status()).as("anonymous: not counted").isEqualTo(200);

    assertRefused(api.get("/api/v2/debates"), 429, "api_calls", 5);
    ApiClient.Reply post = api.post("/api/v2/debates", DEBATE);
    assertRefused(post, 429, "api_calls", 5);
    assertThat(post.header("Retry-After")).isNotNull();
    assertThat(rows("SELECT COUNT(*) FROM debates")).as("the refused create wrote nothing").isZero();

    // The usage endpoint still answers, so a tenant can see why; it counts, the refusals do not.
    JsonNode usage = api.get("/api/v2/usage").body();
    assertThat(usage.at("/quotas/api_calls/used").asLong()).isEqualTo(5);
    assertThat(rows("SELECT COUNT(*) FROM tenant_usage WHERE quota = 'api_calls'")).as("not flushed yet").isZero();
    app.metering().flush();
    assertThat(rows("SELECT used FROM tenant_usage WHERE quota = 'api_calls'")).isEqualTo(6);
    assertThat(rows("SELECT COUNT(*) FROM tenant_usage WHERE quota = 'debates'")).isZero();
  }

  @Test
  void theTokensQuotaStopsNewDebatesOnceADebatesTokensUsedItUp() throws Exception {
    start(Map.of("ARAGORA_QUOTA_TOKENS", "1"));
    awaitFinished(create());
    api.await("/api/v2/usage", u -> u.at("/quotas/tokens/used").asLong() > 1, WAIT);

    ApiClient.Reply refused = api.post("/api/v2/debates", DEBATE);
    assertRefused(refused, 402, "tokens", 1);
    assertThat(rows("SELECT COUNT(*) FROM debates")).isEqualTo(1);
    assertThat(api.get("/api/v2/usage").body().at("/quotas/debates/used").asLong()).isEqualTo(1);
  }

  @Test
  void theStorageQuotaStopsNewDebatesOnceTheTenantsRowsFillIt() throws Exception {
    start(Map.of("ARAGORA_QUOTA_STORAGE_GB", "0.000001"));
    String id = create();
    long created = api.get("/api/v2/usage").body().at("/quotas/storage/used").asLong();
    assertThat(created).as("the task, request and metadata").isPositive();
    awaitFinished(id);
    // At least what the debate's events, result and receipt hold as stored (charged just after the
    // result is, so wait for it rather than read it once).
    long stored = created + rows("SELECT SUM(LENGTH(envelope_json)) FROM debate_events")
        + rows("SELECT COALESCE(SUM(LENGTH(canonical_json)), 0) FROM receipts");
    JsonNode usage = api.await("/api/v2/usage", u -> u.at("/quotas/storage/used").asLong() >= stored, WAIT);
    assertThat(usage.at("/quotas/storage/unit").asText()).isEqualTo("bytes");

    assertRefused(api.post("/api/v2/debates", DEBATE), 402, "storage", 1000);
    assertThat(rows("SELECT COUNT(*) FROM debates")).isEqualTo(1);
  }

  @Test
  void withMeteringOffNothingIsCountedAndNothingRefused() throws Exception {
    start(Map.of("ARAGORA_METERING_ENABLED", "false", "ARAGORA_QUOTA_DEBATES", "1", "ARAGORA_QUOTA_API_CALLS", "1"));
    awaitFinished(create());
    awaitFinished(create());
    JsonNode usage = api.get("/api/v2/usage").body();
    assertThat(usage.get("metering_enabled").asBoolean()).isFalse();
    assertThat(usage.at("/quotas/debates/used").asLong()).isZero();
    assertThat(usage.at("/quotas/api_calls/used").asLong()).isZero();
    assertThat(rows("SELECT COUNT(*) FROM tenant_usage")).isZero();
  }

  @Test
  void withOneTenantTheTenantHeaderIsIgnored() {
    start(Map.of());
    ApiClient.Reply me = api.withHeader("X-Tenant-ID", "someone-else").get("/api/v2/auth/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().get("tenant_id").asText()).isEqualTo("default");
    assertThat(me.body().get("operator").asBoolean()).isTrue();
  }

  @Test
  void theStatsdBackendSendsEachCountAsAUdpLine() throws Exception {
    try (DatagramSocket daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      daemon.setSoTimeout(200);
      start(Map.of("ARAGORA_METERING_BACKEND", "statsd", "STATSD_HOST", "127.0.0.1",
          "STATSD_PORT", Integer.toString(daemon.getLocalPort()), "ARAGORA_METERING_FLUSH_INTERVAL", "0"));
      assertThat(api.get("/api/v2/debates").status()).isEqualTo(200);
      awaitFinished(create());

      List<String> lines = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      List<String> wanted = List.of("aragora.tenant.default.requests:1|c", "aragora.tenant.default.billing.api_calls:1|c",
          "aragora.tenant.default.billing.debates:1|c", "aragora.tenant.default.quota.debates.used:1|g",
          "aragora.tenant.default.quota.debates.ratio:0.0010|g");
      java.util.function.Predicate<String> tokens = l -> l.matches("aragora\\.tenant\\.default\\.billing\\.tokens:\\d+\\|c");
      while (!(lines.containsAll(wanted) && lines.stream().anyMatch(tokens)) && System.nanoTime() < deadline) {
        byte[] buffer = new byte[1500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          daemon.receive(packet);
          lines.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
          // poll again until the deadline
        }
      }
      assertThat(lines).containsAll(wanted);
      assertThat(lines).anyMatch(tokens);
    }
  }
}
