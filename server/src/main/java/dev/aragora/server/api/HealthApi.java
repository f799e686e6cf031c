package dev.aragora.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.server.queue.DebateRunner;
import dev.aragora.server.store.Database;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** Liveness, readiness and the health document. */
public final class HealthApi {
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
  public void live(Context ctx) {
    json.send(ctx, 200, json.object().put("status", "ok"));
  }

  /** Readiness: the database answers, migrations are applied, and the server is not shutting down. */
  public void ready(Context ctx) {
    if (!shuttingDown.getAsBoolean() && database.isReady()) json.send(ctx, 200, json.object().put("status", "ready"));
    else json.send(ctx, 503, json.object().put("status", "not_ready"));
  }

  public void health(Context ctx) {
    boolean dbOk = database.isReady();
    ObjectNode body = json.object();
    body.put("status", dbOk ? "ok" : "degraded");
    body.put("version", version);
    body.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
    body.put("active_debates", runner.running());
    body.put("websocket_connections", websocketConnections.getAsInt());
    body.putObject("database").put("type", database.isPostgres() ? "postgresql" : "sqlite").put("ok", dbOk);
    body.put("redis", "not_configured");
    json.send(ctx, dbOk ? 200 : 503, body);
  }
}
