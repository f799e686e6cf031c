package dev.aragora.server.api;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.ranking.CalibrationSummary;
import dev.aragora.core.ranking.RatingChange;
import dev.aragora.server.cache.Cache;
import dev.aragora.server.ranking.RankingDomain;
import dev.aragora.server.store.AgentProfile;
import dev.aragora.server.store.HeadToHead;
import dev.aragora.server.store.RankedAgent;
import dev.aragora.server.store.RatingStore;
import dev.aragora.server.store.StoredMatch;
import dev.aragora.server.store.StoredRating;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * The rankings: GET …/agents/leaderboard, …/agents/{name} and …/agents/{a}/head-to-head/{b}.
 * In paths an identity is written {@code provider:model} (e.g. {@code demo:skeptic}), since a path
 * segment cannot hold the '/' of {@code provider/model}; the JSON gives both forms.
 *
 * <p>Every answer is the caller's tenant's: its ratings, matches and head-to-heads only (an agent
 * that never played in the tenant is not found). Answers are cached in the {@value #CACHE} namespace
 * (ARAGORA_CACHE_TTL) under keys that start with the tenant, which the server invalidates each time a
 * debate is recorded.
 */
public final class RankingsApi {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  /** The cache namespace of every rankings answer. */
  public static final String CACHE = "rankings";

  private final Json json;
  private final RatingStore store;
  private final Cache cache;

  public RankingsApi(Json json, RatingStore store, Cache cache) {
    this.json = json;
    this.store = store;
    this.cache = cache;
  }

  public void leaderboard(Context ctx) {
    String tenant = RequestTenant.of(ctx);
    int limit = limit(ctx);
    String domain = domain(ctx.queryParam("domain"));
    json.sendText(ctx, 200, cache.get(CACHE, tenant + "|leaderboard|" + domain + "|" + limit,
        () -> json.text(leaderboard(tenant, domain, limit))));
  }

  private static String domain(String text) {
    if (text == null || text.isBlank()) return StoredRating.OVERALL;
    if (!RankingDomain.valid(text.strip()))
      throw ApiError.badRequest("invalid_request", "domain must be a slug of lower-case letters, digits and '-'");
    return text.strip();
  }

  private ObjectNode leaderboard(String tenant, String domain, int limit) {
    ObjectNode body = json.object();
    body.put("domain", domain.isEmpty() ? null : domain);
    ArrayNode agents = body.putArray("agents");
    for (RankedAgent a : store.leaderboard(tenant, limit, domain)) {
      ObjectNode node = rating(agents.addObject(), a.rating());
      node.set("calibration", calibration(a.calibration()));
    }
    return body;
  }

  public void show(Context ctx) {
    String tenant = RequestTenant.of(ctx);
    AgentIdentity agent = identity(ctx.pathParam("name"));
    int limit = limit(ctx);
    json.sendText(ctx, 200, cache.get(CACHE, tenant + "|agent|" + agent.id() + "|" + limit,
        () -> json.text(profile(tenant, agent, limit))));
  }

  private ObjectNode profile(String tenant, AgentIdentity agent, int limit) {
    AgentProfile profile = store.profile(tenant, agent, limit)
        .orElseThrow(() -> ApiError.notFound("no rated agent '" + agent.id() + "'"));
    ObjectNode body = rating(json.object(), profile.overall());
    body.set("calibration", calibration(profile.calibration()));
    ObjectNode domains = body.putObject("domains");
    for (StoredRating d : profile.domains()) {
      ObjectNode node = domains.putObject(d.domain());
      node.put("elo", d.elo()).put("wins", d.wins()).put("losses", d.losses()).put("draws", d.draws())
          .put("matches", d.matches());
      node.set("calibration", calibration(profile.calibrationByDomain().getOrDefault(d.domain(), CalibrationSummary.NONE)));
    }
    ArrayNode history = body.putArray("history");
    for (RatingChange c : profile.history()) {
      history.addObject().put("debate_id", c.debateId()).put("domain", c.domain())
          .put("result", c.result().name().toLowerCase(Locale.ROOT)).put("before", c.eloBefore())
          .put("after", c.eloAfter()).put("domain_before", c.domainEloBefore()).put("domain_after", c.domainEloAfter());
    }
    ArrayNode matches = body.putArray("recent_matches");
    for (StoredMatch m : profile.recentMatches()) {
      ObjectNode node = matches.addObject().put("debate_id", m.debateId()).put("domain", m.outcome().domain())
          .put("winner", m.outcome().winner() == null ? null : m.outcome().winner().id())
          .put("consensus_reached", m.outcome().consensusReached())
          .put("result", m.outcome().resultOf(agent).name().toLowerCase(Locale.ROOT))
          .put("recorded_at", m.recordedAt().toString());
      ArrayNode participants = node.putArray("participants");
      m.participants().forEach(p -> participants.add(p.id()));
    }
    return body;
  }

  public void headToHead(Context ctx) {
    AgentIdentity a = identity(ctx.pathParam("a"));
    AgentIdentity b = identity(ctx.pathParam("b"));
    if (a.equals(b)) throw ApiError.badRequest("invalid_request", "head-to-head needs two different agents");
    String tenant = RequestTenant.of(ctx);
    json.sendText(ctx, 200, cache.get(CACHE, tenant + "|h2h|" + a.id() + "|" + b.id(),
        () -> json.text(headToHead(tenant, a, b))));
  }

  private ObjectNode headToHead(String tenant, AgentIdentity a, AgentIdentity b) {
    HeadToHead h = store.headToHead(tenant, a, b);
    ObjectNode body = json.object();
    body.put("a", a.id()).put("b", b.id()).put("matches", h.matches()).put("a_wins", h.aWins())
        .put("b_wins", h.bWins()).put("draws", h.draws()).put("unrated", h.unrated())
        .put("a_delta", h.aDelta()).put("b_delta", h.bDelta());
    ArrayNode ids = body.putArray("debate_ids");
    h.debateIds().forEach(ids::add);
    return body;
  }

  /** {@code provider:model} (the path form) or {@code provider/model}. */
  static AgentIdentity identity(String text) {
    String id = text == null ? "" : text.strip();
    int colon = id.indexOf(':');
    if (!id.contains("/") && colon > 0) id = id.substring(0, colon) + "/" + id.substring(colon + 1);
    try {
      return AgentIdentity.parse(id);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid_agent", "agent must be provider:model (e.g. demo:skeptic), got '" + text + "'");
    }
  }

  /** The path form of an identity: {@code provider:model}. */
  static String pathName(AgentIdentity agent) {
    return agent.provider() + ":" + agent.model();
  }

  private static int limit(Context ctx) {
    String text = ctx.queryParam("limit");
    if (text == null || text.isBlank()) return DEFAULT_LIMIT;
    try {
      int limit = Integer.parseInt(text.strip());
      if (limit < 1 || limit > MAX_LIMIT) throw new NumberFormatException();
      return limit;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid_request", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }
  }

  private static ObjectNode rating(ObjectNode node, StoredRating r) {
    return node.put("agent", r.agent().id()).put("name", pathName(r.agent())).put("elo", r.elo())
        .put("wins", r.wins()).put("losses", r.losses()).put("draws", r.draws()).put("matches", r.matches());
  }

  private ObjectNode calibration(CalibrationSummary c) {
    return json.object().put("predictions", c.predictions()).put("brier", c.brier()).put("score", c.score())
        .put("ece", c.expectedCalibrationError()).put("qualified", c.qualified());
  }
}
