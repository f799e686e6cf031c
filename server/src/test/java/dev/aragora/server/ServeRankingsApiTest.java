package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.TestAuth;
import dev.aragora.server.testing.WsClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rankings over real HTTP with demo agents: finished debates are rated once each, the leaderboard,
 * agent and head-to-head routes agree, the _leaderboard channel announces each match, stored
 * ratings weigh votes, and auto_select picks demo personas when no key is set.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeRankingsApiTest {
  private static final ObjectMapper JSON = dev.aragora.core.provider.http.Json.mapper();
  private static final String TEAM = "[\"demo:skeptic\",\"demo:pragmatist\"]";

  @TempDir
  static Path dataDir;
  private static App app;
  private static ApiClient api;
  private static final List<String> debates = new ArrayList<>();

  @BeforeAll
  static void start() {
    Map<String, String> env = Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf");
    app = TestAuth.start(env);
    api = new ApiClient(app.port());
    debates.add(finish(create("{\"task\":\"Should we adopt a four-day work week?\",\"agents\":" + TEAM
        + ",\"rounds\":1}")));
    debates.add(finish(create("{\"task\":\"Should we rotate secrets monthly?\",\"agents\":" + TEAM
        + ",\"rounds\":1,\"metadata\":{\"domain\":\"security\"}}")));
    api.await("/api/v2/agents/leaderboard", b -> b.get("agents").size() == 2
        && b.get("agents").get(1).get("matches").asInt() == 2, Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  private static String create(String body) {
    ApiClient.Reply reply = api.post("/api/v2/debates", body);
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(202);
    return reply.body().get("id").asText();
  }

  private static String finish(String id) {
    api.await("/api/v2/debates/" + id, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(20));
    return id;
  }

  @Test
  void theLeaderboardListsTheParticipantsWithTheirRecords() {
    JsonNode board = api.get("/api/v2/agents/leaderboard?limit=10").body();

    assertThat(board.get("domain").isNull()).isTrue();
    List<String> agents = new ArrayList<>();
    double total = 0;
    for (JsonNode a : board.get("agents")) {
      agents.add(a.get("agent").asText());
      assertThat(a.get("matches").asInt()).isEqualTo(2);
      assertThat(a.get("wins").asInt() + a.get("losses").asInt() + a.get("draws").asInt()).isLessThanOrEqualTo(2);
      assertThat(a.get("calibration").get("qualified").asBoolean()).isFalse();
      total += a.get("elo").asDouble();
    }
    assertThat(agents).containsExactlyInAnyOrder("demo/skeptic", "demo/pragmatist");
    assertThat(total).isCloseTo(3000, within(1e-6));
    JsonNode security = api.get("/api/v1/agents/leaderboard?domain=security").body();
    assertThat(security.get("domain").asText()).isEqualTo("security");
    assertThat(security.get("agents")).allSatisfy(a -> assertThat(a.get("matches").asInt()).isEqualTo(1));
    assertThat(api.get("/api/v2/agents/leaderboard?domain=nowhere").body().get("agents")).isEmpty();
  }

  @Test
  void anAgentShowsOneHistoryRowPerDebateAndItsMatches() {
    JsonNode skeptic = api.get("/api/v2/agents/demo:skeptic").body();

    assertThat(skeptic.get("agent").asText()).isEqualTo("demo/skeptic");
    assertThat(skeptic.get("history")).hasSize(2);
    assertThat(skeptic.get("recent_matches")).extracting(m -> m.get("debate_id").asText())
        .containsExactly(debates.get(1), debates.get(0));
    assertThat(skeptic.get("domains").has("general")).isTrue();
    assertThat(skeptic.get("domains").get("security").get("matches").asInt()).isEqualTo(1);
    assertThat(skeptic.get("history").get(0).get("after").asDouble()).isEqualTo(skeptic.get("elo").asDouble());
  }

  @Test
  void recordingAFinishedDebateAgainChangesNothing() throws Exception {
    String resultJson = api.get("/api/v2/debates/" + debates.get(0)).body().get("result").toString();
    DebateResult result = JSON.readValue(resultJson, DebateResult.class);
    JsonNode before = api.get("/api/v2/agents/leaderboard").body();

    assertThat(app.rankings().record("default", result, "general")).isEmpty();

    assertThat(api.get("/api/v2/agents/leaderboard").body()).isEqualTo(before);
    assertThat(api.get("/api/v2/agents/demo:pragmatist").body().get("history")).hasSize(2);
  }

  @Test
  void headToHeadIsConsistentFromBothSides() {
    JsonNode ab = api.get("/api/v2/agents/demo:skeptic/head-to-head/demo:pragmatist").body();
    JsonNode ba = api.get("/api/v2/agents/demo:pragmatist/head-to-head/demo:skeptic").body();

    assertThat(ab.get("matches").asInt()).isEqualTo(2);
    assertThat(ab.get("a_wins").asInt() + ab.get("b_wins").asInt() + ab.get("draws").asInt()
        + ab.get("unrated").asInt()).isEqualTo(2);
    assertThat(ba.get("a_wins").asInt()).isEqualTo(ab.get("b_wins").asInt());
    assertThat(ba.get("a_delta").asDouble()).isCloseTo(-ab.get("a_delta").asDouble(), within(1e-9));
    // Two agents only: what one took from the other is its whole rating change.
    double skeptic = api.get("/api/v2/agents/demo:skeptic").body().get("elo").asDouble();
    assertThat(ab.get("a_delta").asDouble()).isCloseTo(skeptic - 1500, within(1e-6));
  }

  @Test
  void badOrUnknownAgentsAreRefusedAsJson() {
    ApiClient.Reply unknown = api.get("/api/v2/agents/demo:nobody");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().get("error").get("code").asText()).isEqualTo("not_found");
    assertThat(api.get("/api/v2/agents/nocolon").status()).isEqualTo(400);
    assertThat(api.get("/api/v2/agents/leaderboard?limit=0").status()).isEqualTo(400);
    assertThat(api.get("/api/v2/agents/leaderboard?domain=Not%20A%20Slug").status()).isEqualTo(400);
    assertThat(api.get("/api/v2/agents/demo:a/head-to-head/demo:a").status()).isEqualTo(400);
    assertThat(api.get("/api/v2/agents").body().has("agents")).as("agent types still answer").isTrue();
  }

  @Test
  void storedRatingsMakeVoteWeightsUnequal() {
    var weights = app.rankings().voteWeights("default");
    double skeptic = weights.weight("demo:skeptic");
    double pragmatist = weights.weight("demo:pragmatist");

    // Below ten predictions calibration is neutral, so the weights are elo / 1500.
    double elo = api.get("/api/v2/agents/demo:skeptic").body().get("elo").asDouble();
    assertThat(skeptic).isCloseTo(elo / 1500, within(1e-9));
    assertThat(skeptic).isNotEqualTo(pragmatist);
    assertThat(weights.weight("demo:economist")).as("never rated").isEqualTo(1.0);
  }

  @Test
  @Order(Integer.MAX_VALUE - 1) // runs debates: after the tests that count the first two
  void autoSelectPicksDemoPersonasWhenNoKeyIsSet() {
    String id = finish(create("{\"task\":\"Pick a database\",\"auto_select\":true,\"team_size\":3,\"rounds\":1}"));

    JsonNode participants = api.get("/api/v2/debates/" + id).body().get("result").get("participants");
    assertThat(participants).hasSize(3);
    assertThat(participants).allSatisfy(p -> assertThat(p.asText()).startsWith("demo:"));

    for (String bad : List.of("{\"task\":\"x\",\"auto_select\":true,\"agents\":" + TEAM + "}",
        "{\"task\":\"x\",\"auto_select\":true,\"team_size\":1}", "{\"task\":\"x\",\"auto_select\":\"yes\"}",
        "{\"task\":\"x\",\"team_size\":2}", "{\"task\":\"x\",\"metadata\":{\"domain\":\"Bad Domain!\"}}")) {
      ApiClient.Reply reply = api.post("/api/v2/debates", bad);
      assertThat(reply.status()).as(bad).isEqualTo(400);
      assertThat(reply.body().get("error").has("code")).isTrue();
    }
  }

  @Test
  @Order(Integer.MAX_VALUE) // runs a debate: after the tests that count the first two
  void theLeaderboardChannelAnnouncesEachRecordedMatch() throws Exception {
    try (WsClient socket = WsClient.connect(URI.create("ws://localhost:" + app.port() + "/ws"))) {
      socket.send("{\"type\":\"subscribe\",\"debate_id\":\"_leaderboard\"}");
      socket.expect("subscribed");
      String id = finish(create("{\"task\":\"Tabs or spaces?\",\"agents\":" + TEAM + ",\"rounds\":1}"));

      JsonNode match;
      do {
        match = socket.next();
      } while (!(match.get("type").asText().equals("match_recorded")
          && match.get("data").get("debate_id").asText().equals(id)));
      assertThat(match.get("debate_id").asText()).isEqualTo("_leaderboard");
      assertThat(match.get("data").get("domain").asText()).isEqualTo("general");
      assertThat(match.get("data").get("changes")).hasSize(2);
      JsonNode update = socket.next();
      assertThat(update.get("type").asText()).isEqualTo("leaderboard_update");
      assertThat(update.get("seq").asLong()).isEqualTo(match.get("seq").asLong() + 1);
      assertThat(update.get("data").get("top")).isNotEmpty();
    }
  }
}
