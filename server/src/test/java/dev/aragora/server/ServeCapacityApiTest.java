package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.server.testing.TestAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With ARAGORA_MAX_CONCURRENT_DEBATES=1, debates run one after another: their run times never overlap. */
class ServeCapacityApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir
  Path dataDir;

  private JsonNode call(App app, HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private static HttpRequest.Builder at(App app, String path) {
    return TestAuth.authorized(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)));
  }

  @Test
  void atMostOneDebateRunsAtATime() throws Exception {
    try (App app = start(Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf",
        "ARAGORA_MAX_CONCURRENT_DEBATES", "1"))) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String body = "{\"task\":\"Capacity " + i + "?\",\"agents\":\"demo:skeptic,demo:optimist\",\"rounds\":1}";
        ids.add(call(app, at(app, "/api/v2/debates").POST(HttpRequest.BodyPublishers.ofString(body))).get("id").asText());
      }
      List<JsonNode> done = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      for (String id : ids) {
        while (true) {
          JsonNode debate = call(app, at(app, "/api/v2/debates/" + id).GET());
          if (!debate.get("finished_at").isNull()) {
            done.add(debate);
            break;
          }
          assertThat(System.nanoTime()).as("debate %s unfinished", id).isLessThan(deadline);
          Thread.sleep(25);
        }
      }
      done.sort(Comparator.comparing(d -> Instant.parse(d.get("started_at").asText())));
      for (int i = 1; i < done.size(); i++) {
        Instant previousEnd = Instant.parse(done.get(i - 1).get("finished_at").asText());
        Instant start = Instant.parse(done.get(i).get("started_at").asText());
        assertThat(start).as("debate %d started before debate %d finished", i, i - 1).isAfterOrEqualTo(previousEnd);
      }
      assertThat(done).allSatisfy(d -> assertThat(d.get("status").asText()).isIn("consensus_reached", "completed"));
    }
  }

  private static App start(Map<String, String> env) {
    return TestAuth.start(env);
  }
}
