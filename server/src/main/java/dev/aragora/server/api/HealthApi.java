package dev.aragora.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.server.queue.DebateRunner;
import dev.aragora.server.store.Database;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Liveness, readiness and the health document. Each answer is computed as a {@link Probe} (status
 * and JSON bytes), so the same answers can be served by Javalin's routes and, on the hot path that
 * load balancers hit every few seconds, by a handler in front of Javalin (see ops.ProbeHandler).
 */
public final class HealthApi {
  /** One probe answer: the HTTP status and the JSON body. */
  public record Probe(int status, byte[] body) {}

  private static final Probe LIVE = new Probe(200, "{\"status\":\"ok\"}".getBytes());
  private static final Probe READY = new Probe(200, "{\"status\":\"ready\"}".getBytes());
  private static final Probe NOT_READY = new Probe(503, "{\"status\":\"not_ready\"}".getBytes());

  private final Json json;
  private final Database database;
  private final DebateRunner runner;
  private final String version;
  private final Instant started;
  private final BooleanSupplier shuttingDown;
  private final IntSupplier websocketConnections;

  public HealthApi(Json json, Database database, DebateRunner runner, String version, Instant started,
                   BooleanSupplier shuttingDown, IntSupplier websocketConnections) {
    this.json = json;
    this.database = database;
    this.runner = runner;
    this.version = version;
    this.started = started;
    this.shuttingDown = shuttingDown;
    this.websocketConnections = websocketConnections;
  }

  /** Liveness: the process answers. */
  public Probe liveness() {
    return LIVE;
  }

  /** Readiness: the database answers, migrations are applied, and the server is not shutting down. */
  public Probe readiness() {
    return !shuttingDown.getAsBoolean() && database.isReady() ? READY : NOT_READY;
  }

  /** The health document of seeds/002; 503 when the database does not answer. */
  public Probe health() {
    boolean dbOk = database.isReady();
    ObjectNode body = json.object();
    body.put("status", dbOk ? "ok" : "degraded");
    body.put("version", version);
    body.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
    body.put("active_debates", runner.running());
    body.put("websocket_connections", websocketConnections.getAsInt());
    body.putObject("database").put("type", database.isPostgres() ? "postgresql" : "sqlite").put("ok", dbOk);
    body.put("redis", "not_configured");
    try {
      return new Probe(dbOk ? 200 : 503, json.mapper().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the health document", e);
    }
  }

  public void live(Context ctx) {
    send(ctx, liveness());
  }

  public void ready(Context ctx) {
    send(ctx, readiness());
  }

  public void health(Context ctx) {
    send(ctx, health());
  }

  private static void send(Context ctx, Probe probe) {
    ctx.status(probe.status()).contentType("application/json").result(probe.body());
  }
}
