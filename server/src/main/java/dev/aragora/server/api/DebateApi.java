package dev.aragora.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.server.queue.DebateRunner;
import dev.aragora.server.store.DebatePage;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.store.EventLog;
import dev.aragora.server.store.StoredDebate;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Debates over REST: create, list, show, and poll events. Handlers parse, call, and write JSON. */
public final class DebateApi {
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

  public DebateApi(Json json, DebateInput input, DebateRepository debates, EventLog events, DebateRunner runner,
                   long maxBodyBytes) {
    this.json = json;
    this.input = input;
    this.debates = debates;
    this.events = events;
    this.runner = runner;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** POST …/debates → 202 {id, status, events_url, ws_url}. */
  public void create(Context ctx) {
    DebateInput.Parsed parsed = input.parse(body(ctx));
    String id = "deb_" + UUID.randomUUID().toString().replace("-", "");
    StoredDebate stored = debates.create(id, parsed.request(), parsed.metadata());
    runner.submit(id, parsed.request());
    ObjectNode body = json.object();
    body.put("id", id);
    body.put("status", stored.status());
    body.put("events_url", "/api/v2/debates/" + id + "/events");
    body.put("ws_url", "/ws?debate_id=" + id);
    ctx.header("Location", "/api/v2/debates/" + id);
    json.send(ctx, 202, body);
  }

  /** GET …/debates?limit&offset&status → {debates, total, limit, offset}. */
  public void list(Context ctx) {
    int limit = intParam(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    String status = ctx.queryParam("status");
    DebatePage page = debates.list(status == null || status.isBlank() ? null : status.strip(), limit, offset);
    ObjectNode body = json.object();
    ArrayNode items = body.putArray("debates");
    for (StoredDebate debate : page.items()) items.add(summary(debate));
    body.put("total", page.total());
    body.put("limit", limit);
    body.put("offset", offset);
    json.send(ctx, 200, body);
  }

  /** GET …/debates/{id} → the debate with its result when done. */
  public void show(Context ctx) {
    StoredDebate debate = find(ctx.pathParam("id"));
    ObjectNode body = summary(debate);
    body.put("error", debate.error());
    body.set("metadata", debate.metadataJson() == null ? null : json.parse(debate.metadataJson()));
    body.set("result", debate.result().map(json::parse).orElse(null));
    json.send(ctx, 200, body);
  }

  /** GET …/debates/{id}/events?since=SEQ&limit=N → {events, next_since}. */
  public void events(Context ctx) {
    String id = find(ctx.pathParam("id")).id();
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

  private StoredDebate find(String id) {
    return debates.find(id).orElseThrow(() -> ApiError.notFound("no debate with id '" + id + "'"));
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

  /** The body, refused with 413 past the limit (declared or actual) without reading more than that. */
  private byte[] body(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) throw tooLarge();
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] bytes = in.readNBytes((int) maxBodyBytes + 1);
      if (bytes.length > maxBodyBytes) throw tooLarge();
      return bytes;
    } catch (IOException e) {
      throw ApiError.badRequest("invalid_request", "request body could not be read");
    }
  }

  private ApiError tooLarge() {
    return new ApiError(413, "payload_too_large", "request body is larger than " + maxBodyBytes + " bytes");
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
