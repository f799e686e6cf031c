package dev.aragora.core.debate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.agent.AgentIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision's wire shape: snake_case names as in the original's DebateResult. */
class DebateResultJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void serialisesWithSnakeCaseFieldNames() {
    var result = new DebateResult("d-1", "Why?", "Because.", 0.8, true, "strong", DebateStatus.CONSENSUS_REACHED,
        "majority", 2, "a", List.of("a", "b"), Map.of("a", "pa", "b", "pb"), Map.of("a", "fa", "b", "fb"),
        List.of(new Vote("b", "a", 0.8, "good", false)),
        List.of(new Critique("a", "b", 1, List.of("i"), List.of("s"), 6, "r")),
        List.of(new DissentRecord("b", "fb", "b", 0.6, "mine")), "converged", 0.91,
        Map.of("b", List.of(new AgentFailure("vote", 3, "timeout", "slow", "openai", 1.5))), 12.5,
        Map.of("a", new AgentUsage(4, 100, 50, 0.01)), 0.01,
        List.of(new Message("proposal", "a", "pa", 0, 1.0)), false, "");

    JsonNode json = JSON.valueToTree(result);

    assertThat(names(json)).contains("debate_id", "task", "final_answer", "confidence", "consensus_reached",
        "consensus_strength", "status", "rounds_used", "winner", "participants", "proposals", "votes", "critiques",
        "dissenting_views", "convergence_status", "agent_failures", "duration_seconds", "usage", "total_cost_usd");
    assertThat(names(json)).allSatisfy(name -> assertThat(name).matches("[a-z0-9_]+"));
    assertThat(json.get("status").asText()).isEqualTo("consensus_reached");
    assertThat(json.get("usage").get("a").get("tokens_in").asLong()).isEqualTo(100);
    assertThat(json.get("usage").get("a").get("tokens_out").asLong()).isEqualTo(50);
    assertThat(json.get("usage").get("a").get("cost_usd").asDouble()).isEqualTo(0.01);
    assertThat(json.get("agent_failures").get("b").get(0).get("error_type").asText()).isEqualTo("timeout");
    assertThat(json.get("dissenting_views").get(0).get("voted_for").asText()).isEqualTo("b");
    assertThat(json.get("votes").get(0).has("continue_debate")).isTrue();
  }

  @Test
  void carriesParticipantIdentitiesAndReadsResultsStoredWithoutThem() throws Exception {
    var result = new DebateResult("d-1", "Why?", "Because.", 0.8, true, "strong", DebateStatus.CONSENSUS_REACHED,
        "majority", 2, "a", List.of("a", "b"), Map.of(), Map.of(), List.of(), List.of(), List.of(), "converged", 0.9,
        Map.of(), 1, Map.of(), 0, List.of(), false, "",
        Map.of("a", new AgentIdentity("anthropic", "claude-sonnet-4-5"), "b", new AgentIdentity("demo", "skeptic")));

    JsonNode json = JSON.valueToTree(result);
    assertThat(json.get("agents").get("a").get("provider").asText()).isEqualTo("anthropic");
    assertThat(json.get("agents").get("a").get("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(JSON.treeToValue(json, DebateResult.class)).isEqualTo(result);

    ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("agents");
    DebateResult old = JSON.treeToValue(json, DebateResult.class);
    assertThat(old.agents()).isEmpty();
    assertThat(old.identityOf("openai-api:gpt-4o#2")).isEqualTo(new AgentIdentity("openai", "gpt-4o"));
    assertThat(old.identityOf("demo")).isEqualTo(new AgentIdentity("demo", "demo"));
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
