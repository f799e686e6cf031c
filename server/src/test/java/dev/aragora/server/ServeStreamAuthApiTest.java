package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.TestAuth;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** An open WebSocket or SSE stream ends once the token it was opened with is revoked (heartbeat 1 s). */
class ServeStreamAuthApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path dataDir;
  private static App app;

  @BeforeAll
  static void start() {
    app = TestAuth.start(Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf",
        "ARAGORA_WS_HEARTBEAT", "1"));
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  private static String login() {
    return ApiClient.anonymous(app.port()).post("/api/v2/auth/login", "{\"email\":\"" + TestAuth.ADMIN_EMAIL
        + "\",\"password\":\"" + TestAuth.ADMIN_PASSWORD + "\"}").body().get("access_token").asText();
  }

  private static void logout(String token) {
    assertThat(ApiClient.withToken(app.port(), token).post("/api/v2/auth/logout", "").status()).isEqualTo(204);
  }

  @Test
  @Timeout(30)
  void aWebSocketGetsAuthRevokedAndIsClosedAfterALogout() throws Exception {
    String token = login();
    LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(
        URI.create("ws://127.0.0.1:" + app.port() + "/ws?access_token=" + token), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            messages.add(data.toString());
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.complete(code);
            return null;
          }
        }).get(5, TimeUnit.SECONDS);
    socket.sendText("{\"type\":\"ping\"}", true);
    assertThat(messages.poll(5, TimeUnit.SECONDS)).contains("pong");
    logout(token);
    assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
    JsonNode last = null;
    for (String m : messages) last = JSON.readTree(m);
    assertThat(last).isNotNull();
    assertThat(last.get("type").asText()).isEqualTo("auth_revoked");
  }

  @Test
  @Timeout(30)
  void anSseStreamEndsAfterALogout() throws Exception {
    String token = login();
    // The rankings channel never ends by itself.
    HttpResponse<java.io.InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + app.port() + "/api/v2/debates/_leaderboard/events?access_token=" + token))
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).startsWith(":");
      logout(token);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String line;
      while ((line = lines.readLine()) != null) assertThat(System.nanoTime()).isLessThan(deadline);
    }
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
        + "/api/v2/debates/_leaderboard/events?access_token=" + token)).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
  }
}
