package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.GatedVendor;
import dev.aragora.server.testing.TestAuth;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capacity: waiting debates keep their order and their queue position; a full queue answers 503. */
class ServeQueueApiTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dataDir;

  private static String body(String task) {
    return "{\"task\":\"" + task + "\",\"agents\":\"" + GatedVendor.AGENTS + "\",\"rounds\":1}";
  }

  private static App start(GatedVendor vendor, Map<String, String> env) {
    Map<String, String> all = vendor.env(env);
    return TestAuth.start(all);
  }

  @Test
  void queuedDebatesShowTheirPlaceAndAFullQueueIsRefusedWithRetryAfter() {
    try (GatedVendor vendor = new GatedVendor();
         App app = start(vendor, Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_MAX_CONCURRENT_DEBATES", "1",
             "ARAGORA_MAX_QUEUED_DEBATES", "2"))) {
      ApiClient api = new ApiClient(app.port());
      String first = api.post("/api/v2/debates", body("First?")).body().get("id").asText();
      api.await("/api/v2/debates/" + first, d -> d.get("status").asText().equals("running"), WAIT);

      ApiClient.Reply second = api.post("/api/v2/debates", body("Second?"));
      ApiClient.Reply third = api.post("/api/v2/debates", body("Third?"));
      assertThat(second.status()).isEqualTo(202);
      assertThat(second.body().get("queue_position").asInt()).isEqualTo(1);
      assertThat(third.body().get("queue_position").asInt()).isEqualTo(2);
      String secondId = second.body().get("id").asText();
      String thirdId = third.body().get("id").asText();
      JsonNode waiting = api.get("/api/v2/debates/" + thirdId).body();
      assertThat(waiting.get("status").asText()).isEqualTo("queued");
      assertThat(waiting.get("queue_position").asInt()).isEqualTo(2);
      assertThat(waiting.get("progress").asDouble()).isZero();

      ApiClient.Reply refused = api.post("/api/v2/debates", body("Fourth?"));
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body().at("/error/code").asText()).isEqualTo("queue_full");
      assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 300L);
      assertThat(api.get("/api/v2/debates").body().get("total").asInt()).as("nothing stored for the refused one")
          .isEqualTo(3);
      assertThat(api.get("/api/v2/health").body().get("active_debates").asInt()).isEqualTo(1);

      ApiClient.Reply cancelQueued = api.post("/api/v2/debates/" + secondId + "/cancel", "");
      assertThat(cancelQueued.status()).isEqualTo(200);
      assertThat(cancelQueued.body().get("status").asText()).isEqualTo("cancelled");
      assertThat(api.get("/api/v2/debates/" + thirdId).body().get("queue_position").asInt()).isEqualTo(1);
      JsonNode ended = api.get("/api/v2/debates/" + secondId + "/events").body().get("events");
      assertThat(ended).hasSize(1);
      assertThat(ended.get(0).get("type").asText()).isEqualTo("debate_end");
      assertThat(ended.get(0).at("/data/status").asText()).isEqualTo("cancelled");

      ApiClient.Reply cancelRunning = api.post("/api/v2/debates/" + first + "/cancel", "");
      assertThat(cancelRunning.status()).isEqualTo(202);
      assertThat(cancelRunning.body().get("status").asText()).isEqualTo("cancelling");
      api.await("/api/v2/debates/" + first, d -> d.get("status").asText().equals("cancelled"), WAIT);
      api.await("/api/v2/debates/" + thirdId, d -> d.get("status").asText().equals("running"), WAIT);

      vendor.open();
      JsonNode done = api.await("/api/v2/debates/" + thirdId, d -> !d.get("finished_at").isNull(), WAIT);
      assertThat(done.get("status").asText()).isIn("consensus_reached", "completed");
      assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
      assertThat(done.get("current_round").asInt()).isEqualTo(1);
      assertThat(done.get("total_rounds").asInt()).isEqualTo(1);
      assertThat(done.get("queue_position").isNull()).isTrue();

      ApiClient.Reply again = api.post("/api/v2/debates/" + thirdId + "/cancel", "");
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.body().at("/error/code").asText()).isEqualTo("conflict");
      assertThat(api.post("/api/v2/debates/deb_missing/cancel", "").status()).isEqualTo(404);
    }
  }

  @Test
  void waitingDebatesStartInTheOrderTheyWereAdmitted() {
    try (GatedVendor vendor = new GatedVendor();
         App app = start(vendor, Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_MAX_CONCURRENT_DEBATES", "1"))) {
      ApiClient api = new ApiClient(app.port());
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        JsonNode created = api.post("/api/v2/debates", body("Order " + i + "?")).body();
        ids.add(created.get("id").asText());
        if (i > 0) assertThat(created.get("queue_position").asInt()).isEqualTo(i);
      }
      vendor.open();
      List<Instant> starts = new ArrayList<>();
      for (String id : ids) {
        JsonNode done = api.await("/api/v2/debates/" + id, d -> !d.get("finished_at").isNull(), WAIT);
        starts.add(Instant.parse(done.get("started_at").asText()));
      }
      assertThat(starts).isSorted();
    }
  }
}
