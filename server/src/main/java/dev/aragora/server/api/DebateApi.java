package dev.aragora.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.memory.DebateMemory;
import dev.aragora.core.memory.Recollection;
import dev.aragora.server.queue.DebateRunner;
import dev.aragora.server.store.ConnectionFailures;
import dev.aragora.server.store.DebatePage;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.store.EventLog;
import dev.aragora.server.store.StoredDebate;
import dev.aragora.server.tenancy.Metering;
import dev.aragora.server.tenancy.Tenants;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debates over REST: create, list, show, and poll events. Handlers parse, call, and write JSON. Each
 * request sees only its tenant's debates: another tenant's id is answered like an unknown one (404).
 */
public final class DebateApi {
  private static final Logger LOG = LoggerFactory.getLogger(DebateApi.class);
  private static final int DEFAULT_PAGE = 20;
  private static final int MAX_PAGE = 100;
  private static final int DEFAULT_EVENTS = 100;
  private static final int MAX_EVENTS = 1000;

  private final Json json;
  private final DebateInput input;
  private final DebateRepository debates;
  private final EventLog events;
  private final DebateRunner runner;
  private final long maxBodyBytes;
  private final DebateMemory memory;
  private final Metering metering;

  /**
   * @param memory recalls past decisions of the tenant into each new debate's context (unless its body
   *     says "memory": false)
   * @param metering checks the tenant's quotas and charges each new debate
   */
  public DebateApi(Json json, DebateInput input, DebateRepository debates, EventLog events, DebateRunner runner,
                   long maxBodyBytes, DebateMemory memory, Metering metering) {
    this.metering = metering;
    this.json = json;
    this.input = input;
    this.debates = debates;
    this.events = events;
    this.runner = runner;
    this.maxBodyBytes = maxBodyBytes;
    this.memory = memory;
  }

  /** POST …/debates → 202 {id, status, events_url, ws_url}. */
  public void create(Context ctx) {
    String tenant = RequestTenant.of(ctx);
    DebateInput.Parsed parsed = input.parse(RequestBody.read(ctx, maxBodyBytes), tenant);
    // 402 before anything is done or written when a quota is used up (tokens, storage, debates).
    metering.checkDebate(tenant);
    String id = "deb_" + UUID.randomUUID().toString().replace("-", "");
    // The context phase happens here, at admission: the recalled block is stored with the request,
    // so a debate resumed from its events sees exactly the context it started with.
    Recollection recalled = parsed.memory() ? recall(tenant, parsed.request()) : Recollection.NONE;
    DebateRequest request = recalled.applyTo(parsed.request());
    // The debates quota is charged exactly in the insert's transaction: a refused debate leaves nothing.
    StoredDebate stored = runner.admit(id, request,
        () -> debates.create(tenant, id, request, parsed.metadata(), metering.debateCharge()));
    markUsed(id, recalled);
    ObjectNode body = json.object();
    body.put("id", id);
    body.put("status", stored.status());
    int position = runner.queuePosition(id);
    if (position > 0) body.put("queue_position", position);
    body.put("events_url", "/api/v2/debates/" + id + "/events");
    body.put("ws_url", "/ws?debate_id=" + id);
    ctx.header("Location", "/api/v2/debates/" + id);
    json.send(ctx, 202, body);
  }

  /** GET …/debates?limit&offset&status → {debates, total, limit, offset}. */
  public void list(Context ctx) {
    int limit = intParam(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    String status = Text.withoutNul("status", ctx.queryParam("status"));
    DebatePage page = debates.list(RequestTenant.of(ctx), status == null || status.isBlank() ? null : status.strip(),
        limit, offset);
    ObjectNode body = json.object();
    ArrayNode items = body.putArray("debates");
    for (StoredDebate debate : page.items()) items.add(summary(debate));
    body.put("total", page.total());
    body.put("limit", limit);
    body.put("offset", offset);
    json.send(ctx, 200, body);
  }

  /** GET …/debates/{id} → the debate, where it has got to, and its result when done. */
  public void show(Context ctx) {
    StoredDebate debate = find(ctx, ctx.pathParam("id"));
    ObjectNode body = summary(debate);
    int totalRounds = debates.request(debate).rounds();
    EventLog.Progress progress = events.progress(debate.id());
    int currentRound = Math.min(progress.round(), totalRounds);
    body.put("current_round", currentRound);
    body.put("total_rounds", totalRounds);
    body.put("progress", progress(debate, progress, totalRounds));
    body.put("last_seq", progress.lastSeq());
    if (debate.status().equals(DebateRepository.QUEUED)) body.put("queue_position", runner.queuePosition(debate.id()));
    else body.putNull("queue_position");
    body.put("error", debate.error());
    body.set("metadata", debate.metadataJson() == null ? null : json.parse(debate.metadataJson()));
    body.set("result", debate.result().map(json::parse).orElse(null));
    json.send(ctx, 200, body);
  }

  /** GET …/debates/{id}/events?since=SEQ&limit=N → {events, next_since}. */
  public void events(Context ctx) {
    String id = find(ctx, ctx.pathParam("id")).id();
    long since = longParam(ctx, "since", 0);
    int limit = intParam(ctx, "limit", DEFAULT_EVENTS, 1, MAX_EVENTS);
    List<String> stored = events.since(id, since, limit);
    ObjectNode body = json.object();
    ArrayNode list = body.putArray("events");
    long next = since;
    for (String text : stored) {
      var envelope = json.parse(text);
      list.add(envelope);
      next = Math.max(next, envelope.path("seq").asLong());
    }
    body.put("next_since", next);
    json.send(ctx, 200, body);
  }

  /** POST …/debates/{id}/cancel → 202 while a running debate stops, 200 once cancelled, 409 when already over. */
  public void cancel(Context ctx) {
    StoredDebate debate = find(ctx, ctx.pathParam("id"));
    if (debate.isFinished()) throw conflict(debate);
    String reason = "cancelled by request";
    ObjectNode body = json.object().put("id", debate.id());
    switch (runner.cancel(debate.id(), reason)) {
      case SIGNALLED, REQUESTED -> json.send(ctx, 202, body.put("status", "cancelling"));
      case CANCELLED -> json.send(ctx, 200, body.put("status", DebateRepository.CANCELLED));
      case NOT_RUNNING -> throw conflict(find(ctx, debate.id()));
    }
  }

  /** GET …/debates/{id}/messages?since&limit → the proposals, revisions and syntheses so far, in order. */
  public void messages(Context ctx) {
    String id = find(ctx, ctx.pathParam("id")).id();
    long since = longParam(ctx, "since", 0);
    int limit = intParam(ctx, "limit", DEFAULT_EVENTS, 1, MAX_EVENTS);
    ObjectNode body = json.object();
    ArrayNode list = body.putArray("messages");
    long next = since;
    for (String text : events.ofType(id, "agent_message", since, limit)) {
      JsonNode envelope = json.parse(text);
      JsonNode data = envelope.path("data");
      ObjectNode message = list.addObject();
      message.put("seq", envelope.path("seq").asLong());
      message.put("round", envelope.path("round").asInt());
      message.put("agent", envelope.path("agent").asText());
      message.put("role", data.path("role").asText());
      message.put("content", data.path("content").asText());
      message.put("provider", data.path("provider").asText());
      message.put("model", data.path("model").asText());
      message.put("timestamp", envelope.path("timestamp").asDouble());
      next = Math.max(next, envelope.path("seq").asLong());
    }
    body.put("next_since", next);
    json.send(ctx, 200, body);
  }

  /**
   * Memory is an aid: when it cannot answer, the debate starts without it. An unreachable database
   * is the exception: the debate could not be stored either, so the request fails now (503).
   */
  private Recollection recall(String tenant, DebateRequest request) {
    try {
      return memory.recall(Tenants.memoryScope(tenant), request.question());
    } catch (RuntimeException e) {
      if (ConnectionFailures.isConnectionFailure(e)) throw e;
      LOG.warn("memory recall failed; the debate starts without it: {}", e.toString());
      return Recollection.NONE;
    }
  }

  private void markUsed(String id, Recollection recalled) {
    try {
      memory.used(recalled);
    } catch (RuntimeException e) {
      LOG.warn("debate {}: cannot mark recalled memory as used: {}", id, e.toString());
    }
  }

  private static ApiError conflict(StoredDebate debate) {
    return new ApiError(409, "conflict", "debate '" + debate.id() + "' has already ended with status " + debate.status());
  }

  /** 0 while queued, 1 when over; in between, the share of steps (proposals, each round, the vote) reached. */
  private static double progress(StoredDebate debate, EventLog.Progress progress, int totalRounds) {
    if (debate.isFinished()) return 1.0;
    if (progress.lastSeq() == 0) return 0.0;
    double steps = totalRounds + 2;
    return Math.min(0.99, Math.round((progress.round() + 1) / steps * 100) / 100.0);
  }

  /** The request's tenant's debate {@code id}; another tenant's is not found, exactly like a missing one. */
  private StoredDebate find(Context ctx, String id) {
    return debates.find(RequestTenant.of(ctx), id).orElseThrow(() -> ApiError.notFound("no debate with id '" + id + "'"));
  }

  private ObjectNode summary(StoredDebate debate) {
    ObjectNode node = json.object();
    node.put("id", debate.id());
    node.put("status", debate.status());
    node.put("task", debate.task());
    node.put("created_at", text(debate.createdAt()));
    node.put("started_at", text(debate.startedAt()));
    node.put("finished_at", text(debate.finishedAt()));
    return node;
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    long value = longParam(ctx, name, fallback);
    if (value < min) throw ApiError.badRequest("invalid_request", name + " must be at least " + min);
    return (int) Math.min(value, max);
  }

  private static long longParam(Context ctx, String name, long fallback) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) return fallback;
    try {
      long value = Long.parseLong(text.strip());
      if (value < 0) throw ApiError.badRequest("invalid_request", name + " must not be negative");
      return value;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid_request", name + " must be a whole number, got '" + text + "'");
    }
  }
}
