package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.TestAuth;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory over real HTTP with TF-IDF matching: a finished debate is remembered, a later debate on a
 * similar question gets its decision in the stored context (unless "memory": false), and
 * /consensus/similar finds it.
 */
class ServeMemoryApiTest {
  private static final String TEAM = "[\"demo:skeptic\",\"demo:optimist\"]";
  private static final String FIRST = "Should we adopt microservices for our billing system?";
  private static final String SIMILAR = "Should our team adopt microservices for billing?";

  @TempDir
  static Path dataDir;
  private static App app;
  private static ApiClient api;
  private static String first;
  private static JsonNode firstResult;

  @BeforeAll
  static void start() {
    Map<String, String> env = Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf");
    app = TestAuth.start(env);
    api = new ApiClient(app.port());
    first = create("{\"task\":\"" + FIRST + "\",\"agents\":" + TEAM + ",\"rounds\":1}");
    firstResult = finish(first).get("result");
    // The debate is remembered just after its result is stored.
    api.await(similarPath(SIMILAR), body -> body.get("results").size() > 0, Duration.ofSeconds(10));
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

  private static JsonNode finish(String id) {
    return api.await("/api/v2/debates/" + id, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(20));
  }

  private static String similarPath(String q) {
    return "/api/v2/consensus/similar?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
  }

  private static String storedContext(String id) {
    finish(id);
    return api.get("/api/v2/debates/" + id + "/export/json").body().get("request").get("context").asText();
  }

  private static String opening(String text) {
    return text.strip().replaceAll("\\s+", " ").substring(0, Math.min(80, text.strip().length()));
  }

  /** The results about the first debate (other tests add debates on the same question meanwhile). */
  private static java.util.List<JsonNode> aboutFirst(String q) {
    java.util.List<JsonNode> found = new java.util.ArrayList<>();
    api.get(similarPath(q) + "&limit=20").body().get("results").forEach(r -> {
      if (r.get("debate_id").asText().equals(first)) found.add(r);
    });
    return found;
  }

  @Test
  void similarFindsTheFinishedDebatesDecisionAndDissent() {
    JsonNode body = api.get(similarPath(SIMILAR)).body();
    assertThat(body.get("query").asText()).isEqualTo(SIMILAR);

    java.util.List<JsonNode> found = aboutFirst(SIMILAR);
    JsonNode consensus = found.stream().filter(r -> r.get("kind").asText().equals("consensus")).findFirst().orElseThrow();
    assertThat(consensus.get("question").asText()).isEqualTo(FIRST);
    assertThat(consensus.get("text").asText()).startsWith(opening(firstResult.get("final_answer").asText()));
    assertThat(consensus.get("similarity").asDouble()).isBetween(0.5, 1.0);
    assertThat(consensus.get("confidence").asDouble()).isEqualTo(firstResult.get("confidence").asDouble());
    assertThat(consensus.get("tier").asText()).isIn("fast", "medium");
    assertThat(found.stream().filter(r -> r.get("kind").asText().equals("dissent")).count())
        .isEqualTo(firstResult.get("dissenting_views").size());

    assertThat(api.get("/api/v1/consensus/similar?q=adopt+microservices+billing").body().get("results")).isNotEmpty();
    assertThat(api.get(similarPath("What colour should the logo be?")).body().get("results")).isEmpty();
    assertThat(api.get(similarPath(SIMILAR) + "&limit=1").body().get("results")).hasSize(1);
  }

  @Test
  void aDebateOnASimilarQuestionStartsWithThePastDecisionInItsStoredContext() {
    String second = create("{\"task\":\"" + SIMILAR + "\",\"agents\":" + TEAM + ",\"rounds\":1}");

    String context = storedContext(second);

    assertThat(context).startsWith("Past decisions on similar questions")
        .contains(FIRST, opening(firstResult.get("final_answer").asText()));
    assertThat(context.length()).isLessThanOrEqualTo(2000);
    // Being recalled into a debate is a use: the first decision moved up from fast to medium.
    assertThat(aboutFirst(FIRST)).filteredOn(r -> r.get("kind").asText().equals("consensus"))
        .singleElement().satisfies(r -> assertThat(r.get("tier").asText()).isEqualTo("medium"));
  }

  @Test
  void memoryFalseStartsWithoutThePast() {
    String id = create("{\"task\":\"" + SIMILAR + "\",\"agents\":" + TEAM + ",\"rounds\":1,\"memory\":false}");

    assertThat(storedContext(id)).isEmpty();
  }

  @Test
  void badQueriesAndFlagsAreRefusedWithJsonErrors() {
    for (String path : new String[] {"/api/v2/consensus/similar", "/api/v2/consensus/similar?q=%20%20",
        similarPath("x".repeat(2001)), similarPath("ok") + "&limit=0", similarPath("ok") + "&min_similarity=2"}) {
      ApiClient.Reply reply = api.get(path);
      assertThat(reply.status()).as(path).isEqualTo(400);
      assertThat(reply.body().at("/error/code").asText()).as(path).isIn("invalid_request", "query_too_long");
    }
    ApiClient.Reply flag = api.post("/api/v2/debates", "{\"task\":\"Q?\",\"agents\":" + TEAM + ",\"memory\":\"no\"}");
    assertThat(flag.status()).isEqualTo(400);
    assertThat(flag.body().at("/error/message").asText()).contains("memory");
  }
}
