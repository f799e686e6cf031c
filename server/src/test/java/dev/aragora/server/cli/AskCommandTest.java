package dev.aragora.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.testing.FakeVendorServer;
import dev.aragora.server.testing.GatedVendor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI end to end, in process: real engine, demo agents or a fake vendor speaking OpenAI's wire format. */
class AskCommandTest {
  private static final Map<String, String> NO_KEYS = Map.of("ARAGORA_SIMILARITY_BACKEND", "tfidf");

  private static CliRun run(Map<String, String> env, String... args) {
    return CliRun.of(env, args);
  }

  @Test
  void jsonPrintsOnlyTheResultObjectOfADemoDebate() throws Exception {
    CliRun run = run(NO_KEYS, "ask", "Should we adopt a four-day work week?", "--agents", "demo:skeptic,demo:optimist,demo:economist",
        "--rounds", "2", "--consensus", "majority", "--json");

    assertThat(run.exit()).isZero();
    JsonNode result = new ObjectMapper().readTree(run.out());
    assertThat(result.get("task").asText()).isEqualTo("Should we adopt a four-day work week?");
    assertThat(result.get("participants")).hasSize(3);
    assertThat(result.get("status").asText()).isIn("consensus_reached", "completed");
    assertThat(result.get("votes")).hasSize(3);
    assertThat(result.get("demo").asBoolean()).isTrue();
    assertThat(result.get("final_answer").asText()).startsWith("[demo]");
    assertThat(result.get("confidence").asDouble()).isBetween(0.0, 1.0);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void withoutJsonShowsLiveProgressAndTheDecision() {
    CliRun run = run(NO_KEYS, "ask", "Is a monorepo right for us?", "--agents", "demo:engineer,demo:ethicist",
        "--rounds", "1", "--consensus", "judge", "--topology", "ring");

    assertThat(run.exit()).isZero();
    assertThat(run.err()).contains("Debate cli_", "-- proposal", "== Round 1 of 1 ==", "-- critique", "-- revision",
        "-- synthesis", "[demo:engineer] synthesis", "votes accept", "consensus:", "debate ended:");
    assertThat(run.out()).contains("DECISION", "judge consensus", "demo output", "Winner: demo:engineer");
  }

  @Test
  void defaultTeamIsTheDemoAgentsSoNoKeyIsNeeded() throws Exception {
    CliRun run = run(NO_KEYS, "ask", "Should we rewrite the billing service?", "--rounds", "1", "--json");

    assertThat(run.exit()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).get("participants").toString())
        .contains("demo:pragmatist", "demo:skeptic", "demo:economist");
  }

  @Test
  void missingKeyExitsWithOneLineNamingTheVariable() {
    CliRun run = run(NO_KEYS, "ask", "Question?", "--agents", "openai-api,demo");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("OPENAI_API_KEY");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void unknownConsensusModeListsTheValidOnes() {
    CliRun run = run(NO_KEYS, "ask", "Question?", "--consensus", "plurality");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("plurality", "majority", "supermajority", "judge");
  }

  @Test
  void unknownAgentTypeListsTheKnownTypes() {
    CliRun run = run(NO_KEYS, "ask", "Question?", "--agents", "demo,gpt5");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("unknown agent type 'gpt5'", "anthropic-api", "openrouter");
  }

  @Test
  void agentLimitComesFromTheEnvironment() {
    Map<String, String> env = new HashMap<>(NO_KEYS);
    env.put("ARAGORA_MAX_AGENTS_PER_DEBATE", "2");
    CliRun run = run(env, "ask", "Question?", "--agents", "demo,demo,demo");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("too many agents: 3", "ARAGORA_MAX_AGENTS_PER_DEBATE");
  }

  @Test
  void badEnvironmentValueIsNamed() {
    CliRun run = run(Map.of("ARAGORA_AGENT_TIMEOUT", "soon"), "ask", "Question?");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("ARAGORA_AGENT_TIMEOUT");
  }

  @Test
  void missingQuestionIsAUsageError() {
    CliRun run = run(NO_KEYS, "ask");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("QUESTION", "aragora ask --help");
  }

  @Test
  void debatesWithRealVendorAgentsOverTheOpenAiWireFormat() throws Exception {
    try (FakeVendorServer vendor = FakeVendorServer.start()) {
      vendor.dispatcher(GatedVendor::debaterReply);
      Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test-secret", "OPENAI_BASE_URL", vendor.baseUrl() + "/v1",
          "ARAGORA_SIMILARITY_BACKEND", "tfidf");

      CliRun run = run(env, "ask", "Which database should we use?", "--agents", "openai-api,openai-api:gpt-4o-mini",
          "--rounds", "1", "--json");

      assertThat(run.exit()).as(run.err()).isZero();
      JsonNode result = new ObjectMapper().readTree(run.out());
      assertThat(result.get("status").asText()).isEqualTo("consensus_reached");
      assertThat(result.get("winner").asText()).isEqualTo("openai-api");
      assertThat(result.get("demo").asBoolean()).isFalse();
      assertThat(result.get("usage").get("openai-api").get("tokens_in").asLong()).isPositive();
      assertThat(result.get("total_cost_usd").asDouble()).isPositive();
      assertThat(vendor.requests()).allSatisfy(r -> {
        assertThat(r.header("Authorization")).isEqualTo("Bearer sk-test-secret");
        assertThat(r.path()).isEqualTo("/v1/chat/completions");
      });
      assertThat(vendor.requests()).extracting(r -> r.json().get("model").asText()).contains("gpt-4o", "gpt-4o-mini");
    }
  }
}
