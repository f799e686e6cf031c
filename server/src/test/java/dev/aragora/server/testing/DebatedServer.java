package dev.aragora.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.testing.FakeVendorServer;
import dev.aragora.core.testing.Scripted;
import dev.aragora.core.testing.VendorBodies;
import dev.aragora.server.App;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A server whose two OpenAI agents ({@link GatedVendor#AGENTS}) answer from a local fake vendor
 * that fails the first call once (a 500, which the agent retries): what the metrics tests run one
 * debate on before they read /metrics.
 */
public final class DebatedServer implements AutoCloseable {
  private final FakeVendorServer vendor;
  private final App app;

  private DebatedServer(FakeVendorServer vendor, App app) {
    this.vendor = vendor;
    this.app = app;
  }

  public static DebatedServer start(Path dataDir) {
    FakeVendorServer vendor = FakeVendorServer.start();
    vendor.enqueue(Scripted.json(500, VendorBodies.openAiError("The server had an error", "server_error", null)));
    vendor.dispatcher(GatedVendor::debaterReply);
    Map<String, String> env = new HashMap<>();
    env.put("ARAGORA_DATA_DIR", dataDir.toString());
    env.put("ARAGORA_SIMILARITY_BACKEND", "tfidf");
    env.put("OPENAI_API_KEY", "sk-test-metrics");
    env.put("OPENAI_BASE_URL", vendor.baseUrl() + "/v1");
    try {
      return new DebatedServer(vendor, TestAuth.start(env));
    } catch (RuntimeException e) {
      vendor.close();
      throw e;
    }
  }

  public App app() {
    return app;
  }

  public FakeVendorServer vendor() {
    return vendor;
  }

  /**
   * Runs one debate between the two agents ({@code extraFields}: more JSON members for the body,
   * or "") and waits until it has ended; its id.
   */
  public String debate(String question, String extraFields) {
    ApiClient api = new ApiClient(app.port());
    ApiClient.Reply created = api.post("/api/v2/debates", "{\"task\":\"" + question + "\",\"agents\":\""
        + GatedVendor.AGENTS + "\",\"rounds\":1" + (extraFields.isEmpty() ? "" : "," + extraFields) + "}");
    assertThat(created.status()).isEqualTo(202);
    String id = created.body().get("id").asText();
    api.await("/api/v2/debates/" + id, d -> !List.of("queued", "running").contains(d.get("status").asText()),
        Duration.ofSeconds(30));
    return id;
  }

  /**
   * /metrics as {@code client} reads it, once the ended debate has reached every metric: the result
   * is stored (and shown) a moment before the run's listeners have all been told, and the token
   * quota gauge follows the stored result.
   */
  public String scrapeSettled(ApiClient client) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String scrape;
    do {
      scrape = client.raw("/metrics").body();
    } while ((PrometheusText.parse(scrape).one("aragora_debates_active", Map.of()).value() > 0
        || !scrape.contains("quota=\"tokens\"")) && System.nanoTime() < deadline);
    return scrape;
  }

  @Override
  public void close() {
    app.close();
    vendor.close();
  }
}
