package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.testing.FakeVendorServer;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.DebatedServer;
import dev.aragora.server.testing.PrometheusText;
import dev.aragora.server.testing.PrometheusText.Sample;
import dev.aragora.server.testing.TestAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /metrics after a real debate: one agent call fails once (a 500, retried), a WebSocket is open,
 * and every metric the seeds name is there with its labels, none of whose values names a debate,
 * a user or an email address.
 */
class ServeMetricsApiTest {
  private static final String QUESTION = "Should the metrics service keep its own PostgreSQL?";
  /** What a debate id, user id or email address looks like. */
  private static final Pattern IDENTIFYING = Pattern.compile("deb_|usr_|user_|[^@\\s]+@[^@\\s]+\\.[a-z]+");

  @TempDir
  static Path dataDir;
  private static DebatedServer server;
  private static FakeVendorServer vendor;
  private static ApiClient api;
  private static WebSocket socket;
  private static String debateId;
  private static PrometheusText metrics;
  private static String scrape;

  @BeforeAll
  static void runADebateThenScrape() throws Exception {
    server = DebatedServer.start(dataDir);
    vendor = server.vendor();
    api = new ApiClient(server.app().port());
    socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", TestAuth.BEARER)
        .buildAsync(URI.create("ws://localhost:" + server.app().port() + "/ws"), new WebSocket.Listener() {})
        .get();
    debateId = server.debate(QUESTION, "\"metadata\":{\"owner\":\"ops@example.com\"}");
    assertThat(api.get("/api/v2/debates/" + debateId).body().get("status").asText()).isIn("consensus_reached", "completed");
    scrape = server.scrapeSettled(api);
    metrics = PrometheusText.parse(scrape);
  }

  @AfterAll
  static void stop() {
    if (socket != null) socket.abort();
    if (server != null) server.close();
  }

  @Test
  void debateMetricsCountTheDebateByStatus() {
    String status = api.get("/api/v2/debates/" + debateId).body().get("status").asText();
    assertThat(metrics.one("aragora_debates_total", Map.of("status", status)).value()).isEqualTo(1);
    assertThat(metrics.one("aragora_debates_active", Map.of()).value()).isZero();
    assertThat(metrics.one("aragora_debates_queued", Map.of()).value()).isZero();
    assertThat(metrics.one("aragora_debate_duration_seconds_count", Map.of("status", status)).value()).isEqualTo(1);
    assertThat(metrics.one("aragora_debate_duration_seconds_sum", Map.of("status", status)).value()).isPositive();
    assertThat(metrics.all("aragora_debate_duration_seconds_bucket", Map.of("status", status)))
        .extracting(s -> s.labels().get("le")).contains("1.0", "300.0", "1800.0", "+Inf");
    // The one debate that ran its course reached consensus, or did not.
    assertThat(metrics.one("aragora_consensus_rate", Map.of()).value())
        .isEqualTo(status.equals("consensus_reached") ? 1.0 : 0.0);
  }

  @Test
  void agentMetricsCountTheFailedAttemptAndTimeEveryAttemptByProvider() {
    assertThat(metrics.one("aragora_agent_errors_total", Map.of("provider", "openai", "kind", "server_error")).value())
        .isEqualTo(1);
    assertThat(metrics.one("aragora_agent_response_time_seconds_count", Map.of("provider", "openai", "outcome", "error"))
        .value()).isEqualTo(1);
    assertThat(metrics.one("aragora_agent_response_time_seconds_count", Map.of("provider", "openai", "outcome", "ok"))
        .value()).isEqualTo(vendor.requestCount() - 1);
    assertThat(metrics.all("aragora_agent_response_time_seconds_bucket", Map.of("provider", "openai", "outcome", "ok")))
        .extracting(s -> s.labels().get("le")).contains("0.1", "240.0", "+Inf");
    assertThat(metrics.all("aragora_agent_errors_total", Map.of()))
        .allSatisfy(s -> assertThat(s.labels()).containsOnlyKeys("provider", "kind"));
  }

  @Test
  void httpAndWebSocketMetrics() {
    assertThat(metrics.one("aragora_websocket_connections", Map.of()).value()).isEqualTo(1);
    assertThat(metrics.one("aragora_api_request_duration_seconds_count",
        Map.of("method", "POST", "route", "/api/v2/debates", "status", "202")).value()).isEqualTo(1);
    assertThat(metrics.all("aragora_api_request_duration_seconds_count",
        Map.of("method", "GET", "route", "/api/v2/debates/{id}", "status", "200"))).hasSize(1);
  }

  @Test
  void tenantBillingAndQuotaMetricsAreTheDefaultTenants() {
    Map<String, String> tenant = Map.of("tenant", "default");
    assertThat(metrics.one("aragora_tenant_requests_total",
        Map.of("tenant", "default", "method", "POST", "status", "202")).value()).isEqualTo(1);
    // Only the API counts toward a tenant's requests, not the scrape or the probes.
    assertThat(metrics.all("aragora_tenant_requests_total", Map.of()))
        .allSatisfy(s -> assertThat(s.labels()).containsOnlyKeys("tenant", "method", "status"));
    assertThat(billing("debate_started")).isEqualTo(1);
    assertThat(billing("debate_finished")).isEqualTo(1);
    assertThat(billing("llm_call")).isEqualTo(vendor.requestCount() - 1);
    // Each debater reply reports 120 input and 40 output tokens.
    assertThat(billing("input_tokens")).isEqualTo(120.0 * (vendor.requestCount() - 1));
    assertThat(billing("output_tokens")).isEqualTo(40.0 * (vendor.requestCount() - 1));
    assertThat(metrics.all("aragora_billing_events_total", Map.of())).allSatisfy(s -> assertThat(s.labels()).isNotEmpty()
        .containsAllEntriesOf(tenant).containsOnlyKeys("tenant", "type"));
    // One debate this month against the default quota of 1000; its tokens against 10,000,000.
    assertThat(metrics.one("aragora_quota_usage_ratio", Map.of("tenant", "default", "quota", "debates")).value())
        .isEqualTo(0.001);
    assertThat(metrics.one("aragora_quota_usage_ratio", Map.of("tenant", "default", "quota", "tokens")).value())
        .isEqualTo((120.0 + 40.0) * (vendor.requestCount() - 1) / 10_000_000);
  }

  @Test
  void everyMetricTheSeedsNameIsThere() {
    assertThat(metrics.samples()).extracting(Sample::name).contains(
        "aragora_debates_total", "aragora_debates_active", "aragora_debate_duration_seconds_bucket",
        "aragora_agent_errors_total", "aragora_consensus_rate", "aragora_websocket_connections",
        "aragora_api_request_duration_seconds_bucket", "aragora_agent_response_time_seconds_bucket",
        "aragora_tenant_requests_total", "aragora_billing_events_total", "aragora_quota_usage_ratio");
    // Their features do not exist here (README "Metrics and traces").
    assertThat(scrape).doesNotContain("aragora_rlm_compression_ratio", "aragora_connector_sync_duration_seconds");
  }

  @Test
  void noLabelValueNamesADebateAUserOrAnEmailAddress() {
    assertThat(metrics.samples()).isNotEmpty().allSatisfy(sample -> assertThat(sample.labels().values())
        .as("labels of %s", sample)
        .noneMatch(v -> IDENTIFYING.matcher(v).find() || v.contains(debateId)));
    assertThat(scrape).doesNotContain(debateId, "ops@example.com", QUESTION);
  }

  private static double billing(String type) {
    return metrics.one("aragora_billing_events_total", Map.of("tenant", "default", "type", type)).value();
  }
}
