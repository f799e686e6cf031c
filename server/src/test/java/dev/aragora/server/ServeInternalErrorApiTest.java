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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unexpected failure becomes a bare 500 JSON error: no exception text, no stack trace. */
class ServeInternalErrorApiTest {
  @TempDir
  Path dataDir;

  @Test
  void aBrokenStoreAnswers500WithoutDetails() throws Exception {
    try (App app = start(Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf"))) {
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("aragora.db"));
           Statement sql = db.createStatement()) {
        sql.execute("ALTER TABLE debates RENAME TO debates_gone");
      }
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          TestAuth.authorized(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/v2/debates"))).GET().build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(500);
      JsonNode body = new ObjectMapper().readTree(response.body());
      assertThat(body).isEqualTo(new ObjectMapper().readTree("{\"error\":{\"code\":\"internal_error\",\"message\":\"internal error\"}}"));
    }
  }

  private static App start(Map<String, String> env) {
    return TestAuth.start(env);
  }
}
