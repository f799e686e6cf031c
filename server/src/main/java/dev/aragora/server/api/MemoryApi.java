package dev.aragora.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.core.memory.DebateMemory;
import dev.aragora.core.memory.Match;
import dev.aragora.core.memory.MemoryEntry;
import dev.aragora.core.memory.MemoryKind;
import dev.aragora.server.tenancy.Tenants;
import io.javalin.http.Context;

/** Memory over REST: past decisions and dissent on questions like a given one. Looking is not a use. */
public final class MemoryApi {
  static final int DEFAULT_LIMIT = 5;
  static final int MAX_LIMIT = 20;
  /** Long enough for any real question, short enough that the URL stays within the server's 8 KB request line. */
  static final int MAX_QUERY_CHARS = 2000;

  private final Json json;
  private final DebateMemory memory;

  public MemoryApi(Json json, DebateMemory memory) {
    this.json = json;
    this.memory = memory;
  }

  /** GET …/consensus/similar?q=TEXT&limit=N&min_similarity=X → {query, results: [...]}, most similar first. */
  public void similar(Context ctx) {
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank()) throw ApiError.badRequest("invalid_request", "q is required: the question to match");
    q = q.strip();
    if (q.length() > MAX_QUERY_CHARS)
      throw ApiError.badRequest("query_too_long", "q is " + q.length() + " characters (max "
          + MAX_QUERY_CHARS + ")");
    int limit = limit(ctx.queryParam("limit"));
    double min = minSimilarity(ctx.queryParam("min_similarity"));

    ObjectNode body = json.object();
    body.put("query", q);
    ArrayNode results = body.putArray("results");
    // Only the caller's tenant's memory: one tenant's decisions never answer another's.
    for (Match match : memory.similar(Tenants.memoryScope(RequestTenant.of(ctx)), q, limit, min)) {
      MemoryEntry e = match.entry();
      ObjectNode item = results.addObject();
      item.put("debate_id", e.debateId());
      item.put("kind", e.kind().wire());
      item.put("question", e.question());
      item.put("text", e.text());
      if (e.kind() == MemoryKind.DISSENT || !e.agent().isEmpty()) item.put("agent", e.agent());
      item.put("similarity", Math.round(match.similarity() * 1000) / 1000.0);
      item.put("confidence", e.confidence());
      item.put("tier", e.tier().wire());
      item.put("created_at", e.createdAt().toString());
    }
    json.send(ctx, 200, body);
  }

  private static int limit(String text) {
    if (text == null || text.isBlank()) return DEFAULT_LIMIT;
    try {
      int value = Integer.parseInt(text.strip());
      if (value < 1) throw ApiError.badRequest("invalid_request", "limit must be at least 1");
      return Math.min(value, MAX_LIMIT);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid_request", "limit must be a whole number, got '" + text + "'");
    }
  }

  private double minSimilarity(String text) {
    if (text == null || text.isBlank()) return memory.minSimilarity();
    try {
      double value = Double.parseDouble(text.strip());
      if (!(value >= 0 && value <= 1)) throw new NumberFormatException();
      return value;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid_request", "min_similarity must be a number from 0 to 1, got '" + text + "'");
    }
  }
}
