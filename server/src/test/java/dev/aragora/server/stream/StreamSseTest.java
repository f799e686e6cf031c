package dev.aragora.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.testing.TestAuth;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server-sent events on GET …/debates/{id}/events against the running App. */
class StreamSseTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  static Path dataDir;
  private static StreamServer server;

  @BeforeAll
  static void start() {
    server = StreamServer.start(dataDir, Map.of("ARAGORA_WS_HEARTBEAT", "1"));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  record Event(long id, String event, JsonNode data) {}

  record Stream_(int status, String contentType, List<Event> events, List<String> comments) {}

  private static HttpResponse<Stream<String>> open(String path, String lastEventId) throws Exception {
    HttpRequest.Builder request = TestAuth.authorized(HttpRequest.newBuilder(server.http(path))).header("Accept", "text/event-stream");
    if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
    return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
  }

  /** Reads the whole stream: it must end by itself after debate_end. */
  private static Stream_ read(HttpResponse<Stream<String>> response) {
    return read(response, comment -> { });
  }

  private static Stream_ read(HttpResponse<Stream<String>> response, java.util.function.Consumer<String> onComment) {
    List<Event> events = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    assertTimeoutPreemptively(WAIT, () -> {
      Map<String, String> fields = new java.util.HashMap<>();
      for (Iterator<String> lines = response.body().iterator(); lines.hasNext(); ) {
        String line = lines.next();
        if (line.isEmpty()) {
          if (!fields.isEmpty()) events.add(new Event(Long.parseLong(fields.get("id")), fields.get("event"),
              StreamServer.JSON.readTree(fields.get("data"))));
          fields.clear();
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).strip());
          onComment.accept(line.substring(1).strip());
        } else {
          int colon = line.indexOf(':');
          fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
      }
    });
    return new Stream_(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), events, comments);
  }

  private static void assertMatchesStored(List<Event> events, List<JsonNode> stored) {
    assertThat(events.stream().map(Event::data).toList()).isEqualTo(stored);
    for (Event event : events) {
      assertThat(event.id()).isEqualTo(event.data().get("seq").asLong());
      assertThat(event.event()).isEqualTo(event.data().get("type").asText());
    }
  }

  @Test
  void aLiveDebateStreamsEveryEventOnceWithHeartbeatsAndEndsAfterDebateEnd() throws Exception {
    server.closeGate();
    String id = server.createDebate("Should we tax carbon at the border?", StreamServer.GATED_TEAM);
    HttpResponse<Stream<String>> response = open("/api/v2/debates/" + id + "/events", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    // The gated agent answers only once a heartbeat came through the idle stream.
    Stream_ stream = read(response, comment -> {
      if (comment.equals("ping")) server.allowCalls(1000);
    });
    assertThat(stream.comments()).contains("ping");
    List<JsonNode> stored = server.storedEvents(id);
    assertMatchesStored(stream.events(), stored);
    assertThat(stream.events().getFirst().id()).isEqualTo(1);
    assertThat(stream.events().getLast().event()).isEqualTo("debate_end");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v2", "/api/v1", "/api"})
  void aFinishedDebateIsReplayedThenTheStreamEnds(String prefix) throws Exception {
    String id = server.finishedDebate("Should bikes get wider lanes?");
    Stream_ stream = read(open(prefix + "/debates/" + id + "/events", null));
    assertThat(stream.status()).isEqualTo(200);
    assertMatchesStored(stream.events(), server.storedEvents(id));
  }

  @Test
  void lastEventIdResumesAfterThatSeqAndWinsOverSince() throws Exception {
    String id = server.finishedDebate("Should the work week be shorter?");
    List<JsonNode> stored = server.storedEvents(id);
    int k = stored.size() / 2;
    Stream_ stream = read(open("/api/v2/debates/" + id + "/events?since=1", String.valueOf(k)));
    assertMatchesStored(stream.events(), stored.subList(k, stored.size()));
    assertThat(stream.events().getFirst().id()).isEqualTo(k + 1);
  }

  @Test
  void sinceResumesWithoutLastEventId() throws Exception {
    String id = server.finishedDebate("Should parks stay open at night?");
    List<JsonNode> stored = server.storedEvents(id);
    Stream_ stream = read(open("/api/v2/debates/" + id + "/events?since=3", null));
    assertMatchesStored(stream.events(), stored.subList(3, stored.size()));
  }

  @Test
  void anUnknownDebateIsA404JsonError() throws Exception {
    HttpResponse<String> response = HTTP.send(TestAuth.authorized(HttpRequest.newBuilder(server.http("/api/v2/debates/deb_missing/events")))
        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    JsonNode error = StreamServer.JSON.readTree(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("not_found");
    assertThat(error.get("message").asText()).contains("deb_missing");
  }

  @Test
  void aBadLastEventIdIsA400JsonError() throws Exception {
    String id = server.finishedDebate("Should trains be free?");
    HttpResponse<String> response = HTTP.send(TestAuth.authorized(HttpRequest.newBuilder(server.http("/api/v2/debates/" + id + "/events")))
        .header("Accept", "text/event-stream").header("Last-Event-ID", "abc").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(StreamServer.JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("invalid_request");
  }

  @Test
  void withoutTheEventStreamAcceptHeaderTheJsonPollingAnswerStays() throws Exception {
    String id = server.finishedDebate("Should homework be banned?");
    HttpResponse<String> response = server.get("/api/v2/debates/" + id + "/events?since=2");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = StreamServer.JSON.readTree(response.body());
    assertThat(body.get("events").get(0).get("seq").asLong()).isEqualTo(3);
    assertThat(body.has("next_since")).isTrue();
  }
}
