package dev.aragora.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.debate.ConsensusMode;
import dev.aragora.core.debate.DebateLimits;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.Topology;
import dev.aragora.core.provider.MissingCredentialException;
import dev.aragora.core.provider.ProviderCatalog;
import dev.aragora.server.config.EngineConfig;
import dev.aragora.server.ranking.RankingDomain;
import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.provider.demo.DemoProvider;
import dev.aragora.core.ranking.AgentStanding;
import dev.aragora.core.ranking.Elo;
import dev.aragora.core.ranking.TeamSelector;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the body of {@code POST /api/v2/debates} into a {@link DebateRequest}, or refuses it with a
 * 400 naming the problem. Every check runs here, before anything is stored.
 */
public final class DebateInput {
  private static final String DEMO = "demo";

  /**
   * A valid request and the caller's metadata.
   *
   * @param memory false when the body says {@code "memory": false}: no past decisions are recalled into it
   */
  public record Parsed(DebateRequest request, Map<String, Object> metadata, boolean memory) {
    public Parsed(DebateRequest request, Map<String, Object> metadata) {
      this(request, metadata, true);
    }
  }

  /** The team size {@code auto_select} picks when no {@code team_size} is given. */
  public static final int DEFAULT_TEAM_SIZE = 3;

  private final ObjectMapper mapper;
  private final EngineConfig config;
  private final ProviderCatalog catalog;
  private final BiFunction<String, AgentIdentity, Optional<AgentStanding>> standings;
  private final double initialElo;

  public DebateInput(ObjectMapper mapper, EngineConfig config, ProviderCatalog catalog) {
    this(mapper, config, catalog, (tenant, agent) -> Optional.empty(), Elo.DEFAULT_INITIAL);
  }

  /**
   * @param standings what a tenant knows of an identity, for {@code auto_select} (empty for never seen)
   * @param initialElo the rating an unknown agent starts at (ARAGORA_ELO_INITIAL)
   */
  public DebateInput(ObjectMapper mapper, EngineConfig config, ProviderCatalog catalog,
                     BiFunction<String, AgentIdentity, Optional<AgentStanding>> standings, double initialElo) {
    this.mapper = mapper;
    this.config = config;
    this.catalog = catalog;
    this.standings = standings;
    this.initialElo = initialElo;
  }

  /** Parses a debate request of {@code tenant} (whose ratings pick an {@code auto_select} team). */
  public Parsed parse(byte[] body, String tenant) {
    JsonNode root;
    try {
      root = StrictJson.read(mapper, body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("invalid_json", "request body is not valid JSON: " + StrictJson.describe(e));
    } catch (java.io.IOException e) {
      throw ApiError.badRequest("invalid_json", "request body could not be read");
    }
    if (root == null || !root.isObject()) throw ApiError.badRequest("invalid_json", "request body must be a JSON object");

    String task = task(root);
    List<AgentSpec> agents = autoSelect(root) ? team(root, agent -> standings.apply(tenant, agent))
        : agents(root.get("agents"));
    int rounds = rounds(root.get("rounds"));
    ConsensusMode consensus = ConsensusMode.MAJORITY;
    JsonNode c = root.get("consensus");
    if (c != null && !c.isNull()) consensus = choice("consensus", c, () -> ConsensusMode.parse(c.asText()));
    Topology topology = Topology.ALL_TO_ALL;
    JsonNode t = root.get("topology");
    if (t != null && !t.isNull()) topology = choice("topology", t, () -> Topology.parse(t.asText()));
    Map<String, Object> metadata = metadata(root.get("metadata"));
    if (metadata.containsKey("domain") && RankingDomain.named(metadata).isEmpty())
      throw ApiError.badRequest("invalid_request",
          "metadata.domain must be a slug of at most 32 lower-case letters, digits and '-' (e.g. security)");
    JsonNode m = root.get("memory");
    if (m != null && !m.isNull() && !m.isBoolean()) throw ApiError.badRequest("invalid_request", "memory must be true or false");
    boolean memory = m == null || m.isNull() || m.booleanValue();

    DebateRequest request;
    try {
      request = new DebateRequest(task, agents, rounds, consensus, topology, config.agentTimeout(),
          config.debateTimeout(), "", "");
      config.limits().check(request);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid_request", e.getMessage());
    }
    for (AgentSpec agent : request.agents()) {
      try {
        catalog.resolve(agent);
      } catch (MissingCredentialException e) {
        throw ApiError.badRequest("missing_credential", e.getMessage());
      }
    }
    return new Parsed(request, metadata, memory);
  }

  private static String task(JsonNode root) {
    JsonNode task = root.hasNonNull("task") ? root.get("task") : root.get("question");
    if (task == null || task.isNull()) throw ApiError.badRequest("invalid_request", "task is required (alias: question)");
    if (!task.isTextual()) throw ApiError.badRequest("invalid_request", "task must be a string");
    String text = Text.withoutNul("task", task.asText()).strip();
    if (text.isEmpty()) throw ApiError.badRequest("invalid_request", "task is empty");
    if (text.length() > DebateLimits.MAX_QUESTION_CHARS)
      throw ApiError.badRequest("question_too_long", "task is " + text.length() + " characters (max "
          + DebateLimits.MAX_QUESTION_CHARS + ")");
    return text;
  }

  private List<AgentSpec> agents(JsonNode node) {
    try {
      if (node == null || node.isNull()) return AgentSpec.parseList(config.defaultAgents());
      if (node.isTextual()) return AgentSpec.parseList(Text.withoutNul("agents", node.asText()));
      if (!node.isArray()) throw ApiError.badRequest("invalid_request", "agents must be a list of strings or a comma-separated string");
      List<String> texts = new ArrayList<>();
      for (JsonNode item : node) {
        if (!item.isTextual()) throw ApiError.badRequest("invalid_request", "agents must be a list of strings, got " + item.getNodeType().name().toLowerCase());
        texts.add(Text.withoutNul("agents", item.asText()));
      }
      return AgentSpec.parseAll(texts);
    } catch (ApiError e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid_agents", e.getMessage());
    }
  }

  private static boolean autoSelect(JsonNode root) {
    JsonNode auto = root.get("auto_select");
    boolean on = auto != null && !auto.isNull() && auto.isBoolean() && auto.booleanValue();
    if (auto != null && !auto.isNull() && !auto.isBoolean())
      throw ApiError.badRequest("invalid_request", "auto_select must be true or false");
    if (on && root.hasNonNull("agents"))
      throw ApiError.badRequest("invalid_request", "give either agents or auto_select, not both");
    if (!on && root.hasNonNull("team_size"))
      throw ApiError.badRequest("invalid_request", "team_size needs auto_select: true");
    return on;
  }

  /**
   * {@code auto_select}: the best {@code team_size} of every agent type whose API key is set (not
   * local unkeyed ones such as ollama) and the demo personas, by stored rating and calibration (core {@link TeamSelector}).
   */
  private List<AgentSpec> team(JsonNode root, Function<AgentIdentity, Optional<AgentStanding>> standings) {
    JsonNode node = root.get("team_size");
    int size = DEFAULT_TEAM_SIZE;
    if (node != null && !node.isNull()) {
      if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 2 || node.intValue() > config.maxAgents())
        throw ApiError.badRequest("invalid_request", "team_size must be a whole number from 2 to " + config.maxAgents());
      size = node.intValue();
    }
    List<AgentSpec> candidates = new ArrayList<>();
    for (ProviderCatalog.AgentType type : catalog.agentTypes()) {
      // Keyed providers only: an unkeyed local one (ollama) counts as ready without being reachable.
      if (type.ready() && !type.keyVariable().isEmpty()) candidates.add(AgentSpec.parse(type.type()));
    }
    for (String persona : DemoProvider.PERSONAS) candidates.add(AgentSpec.parse(DEMO + ":" + persona));
    List<AgentSpec> team = TeamSelector.select(candidates, size, standings, spec -> true, initialElo);
    if (team.size() < 2)
      throw ApiError.badRequest("invalid_request", "auto_select found " + team.size() + " usable agents; 2 are needed");
    return team;
  }

  private int rounds(JsonNode node) {
    if (node == null || node.isNull()) return config.defaultRounds();
    if (!node.isIntegralNumber() || !node.canConvertToInt())
      throw ApiError.badRequest("invalid_request", "rounds must be a whole number");
    return node.intValue();
  }

  private static <T> T choice(String field, JsonNode node, java.util.function.Supplier<T> parse) {
    if (!node.isTextual()) throw ApiError.badRequest("invalid_request", field + " must be a string");
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid_request", e.getMessage());
    }
  }

  private Map<String, Object> metadata(JsonNode node) {
    if (node == null || node.isNull()) return Map.of();
    if (!node.isObject()) throw ApiError.badRequest("invalid_request", "metadata must be a JSON object");
    @SuppressWarnings("unchecked")
    Map<String, Object> map = mapper.convertValue(node, LinkedHashMap.class);
    return map;
  }
}
