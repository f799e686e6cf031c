package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.TestAuth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a finished debate left behind reads back the same after the server restarts on the same data dir. */
class ServePersistenceApiTest {
  @TempDir
  Path dataDir;

  private App start() {
    Map<String, String> env = Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf");
    return TestAuth.start(env);
  }

  @Test
  void debatesMessagesCritiquesVotesResultsAndEventsSurviveARestart() {
    String id;
    JsonNode before;
    JsonNode eventsBefore;
    JsonNode messagesBefore;
    try (App app = start()) {
      ApiClient api = new ApiClient(app.port());
      id = api.post("/api/v2/debates", "{\"task\":\"Keep it?\",\"agents\":\"demo:skeptic,demo:optimist,demo:economist\","
          + "\"rounds\":2,\"metadata\":{\"team\":\"platform\"}}").body().get("id").asText();
      before = api.await("/api/v2/debates/" + id, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(20));
      eventsBefore = api.get("/api/v2/debates/" + id + "/events?limit=1000").body().get("events");
      messagesBefore = api.get("/api/v2/debates/" + id + "/messages").body().get("messages");
    }
    try (App app = start()) {
      ApiClient api = new ApiClient(app.port());
      JsonNode after = api.get("/api/v2/debates/" + id).body();
      assertThat(after).isEqualTo(before);
      JsonNode result = after.get("result");
      assertThat(result.get("votes")).hasSize(3);
      assertThat(result.get("critiques")).isNotEmpty();
      assertThat(result.get("proposals")).hasSize(3);
      assertThat(after.at("/metadata/team").asText()).isEqualTo("platform");
      assertThat(api.get("/api/v2/debates/" + id + "/events?limit=1000").body().get("events")).isEqualTo(eventsBefore);
      assertThat(api.get("/api/v2/debates/" + id + "/messages").body().get("messages")).isEqualTo(messagesBefore);
      assertThat(api.get("/api/v2/debates").body().get("total").asInt()).isEqualTo(1);
      assertThat(api.raw("/api/v2/debates/" + id + "/export/md").statusCode()).isEqualTo(200);
    }
  }
}
