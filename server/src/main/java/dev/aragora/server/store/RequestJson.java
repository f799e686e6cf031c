package dev.aragora.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.debate.ConsensusMode;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a {@link DebateRequest}, written by hand so it needs no java.time module and
 * stays stable when the record changes: snake_case, timeouts in milliseconds.
 */
public final class RequestJson {
  private final ObjectMapper json;

  public RequestJson(ObjectMapper json) {
    this.json = json;
  }

  public String write(DebateRequest request) {
    ObjectNode node = json.createObjectNode();
    node.put("question", request.question());
    ArrayNode agents = node.putArray("agents");
    for (AgentSpec agent : request.agents())
      agents.addObject().put("type", agent.type()).put("model", agent.model()).put("name", agent.name());
    node.put("rounds", request.rounds());
    node.put("consensus", request.consensus().wire());
    node.put("topology", request.topology().wire());
    node.put("agent_timeout_ms", request.agentTimeout().toMillis());
    node.put("debate_timeout_ms", request.debateTimeout().toMillis());
    node.put("context", request.context());
    node.put("judge", request.judge());
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a debate request", e);
    }
  }

  public DebateRequest read(String text) {
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored request is not JSON", e);
    }
    List<AgentSpec> agents = new ArrayList<>();
    for (JsonNode agent : node.path("agents"))
      agents.add(new AgentSpec(agent.path("type").asText(), agent.path("model").asText(), agent.path("name").asText()));
    return new DebateRequest(node.path("question").asText(), agents, node.path("rounds").asInt(),
        ConsensusMode.parse(node.path("consensus").asText()), Topology.parse(node.path("topology").asText()),
        Duration.ofMillis(node.path("agent_timeout_ms").asLong()), Duration.ofMillis(node.path("debate_timeout_ms").asLong()),
        node.path("context").asText(), node.path("judge").asText());
  }
}
