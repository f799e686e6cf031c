package dev.aragora.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.server.queue.DebateRunner;
import dev.aragora.server.redis.RedisStatus;
import dev.aragora.server.security.Permission;
import dev.aragora.server.security.Principal;
import dev.aragora.server.store.Database;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

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
  private static final Probe OK = new Probe(200, "{\"status\":\"ok\"}".getBytes());
  private static final Probe DEGRADED = new Probe(200, "{\"status\":\"degraded\"}".getBytes());
  private static final Probe DOWN = new Probe(503, "{\"status\":\"degraded\"}".getBytes());
  private static final Map<RedisStatus, Probe> READY_WITH_REDIS = withRedis(READY);
  private static final Map<RedisStatus, Probe> NOT_READY_WITH_REDIS = withRedis(NOT_READY);

  private final Json json;
  private final Database database;
  private final DebateRunner runner;
  private final String version;
  private final Instant started;
  private final BooleanSupplier shuttingDown;
  private final IntSupplier websocketConnections;
  private final Supplier<RedisStatus> redis;
  private final Supplier<String> rateLimits;

  /** {@code rateLimits} says where the rate limits are counted: redis, local or local_fallback. */
  public HealthApi(Json json, Database database, DebateRunner runner, String version, Instant started,
                   BooleanSupplier shuttingDown, IntSupplier websocketConnections, Supplier<RedisStatus> redis,
                   Supplier<String> rateLimits) {
    this.json = json;
    this.database = database;
    this.runner = runner;
    this.version = version;
    this.started = started;
    this.shuttingDown = shuttingDown;
    this.websocketConnections = websocketConnections;
    this.redis = redis;
    this.rateLimits = rateLimits;
  }

  /** Liveness: the process answers. */
  public Probe liveness() {
    return LIVE;
  }

  /**
   * Readiness: the database answers, migrations are applied, and the server is not shutting down.
   * Redis is not part of it: without Redis an instance still serves everything on local behaviour
   * (its events reach other instances' clients through the event log), so taking it out of the
   * load balancer would only lose capacity. When Redis is configured, the answer says how it is.
   */
  public Probe readiness() {
    boolean ready = !shuttingDown.getAsBoolean() && database.isReady();
    RedisStatus status = redis.get();
    if (status == RedisStatus.NOT_CONFIGURED) return ready ? READY : NOT_READY;
    return (ready ? READY_WITH_REDIS : NOT_READY_WITH_REDIS).get(status);
  }

  /**
   * The health document of seeds/002; 503 when the database does not answer, "degraded" but 200
   * when only Redis is disconnected.
   */
  public Probe health() {
    boolean dbOk = database.isReady();
    RedisStatus redisStatus = redis.get();
    ObjectNode body = json.object();
    body.put("status", dbOk && redisStatus != RedisStatus.DISCONNECTED ? "ok" : "degraded");
    body.put("version", version);
    body.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
    body.put("active_debates", runner.running());
    body.put("websocket_connections", websocketConnections.getAsInt());
    body.putObject("database").put("type", database.isPostgres() ? "postgresql" : "sqlite").put("ok", dbOk);
    body.put("redis", redisStatus.wireName());
    body.put("rate_limits", rateLimits.get());
    try {
      return new Probe(dbOk ? 200 : 503, json.mapper().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the health document", e);
    }
  }

  /**
   * The health document's public form: only the status, and the same HTTP status as the full one.
   * The full document (versions, counts, backends) is for callers with health:read.
   */
  public Probe summary() {
    if (!database.isReady()) return DOWN;
    return redis.get() == RedisStatus.DISCONNECTED ? DEGRADED : OK;
  }

  private static Map<RedisStatus, Probe> withRedis(Probe probe) {
    Map<RedisStatus, Probe> probes = new EnumMap<>(RedisStatus.class);
    String body = new String(probe.body());
    for (RedisStatus status : RedisStatus.values()) {
      probes.put(status, new Probe(probe.status(),
          (body.substring(0, body.length() - 1) + ",\"redis\":\"" + status.wireName() + "\"}").getBytes()));
    }
    return probes;
  }

  public void live(Context ctx) {
    send(ctx, liveness());
  }

  public void ready(Context ctx) {
    send(ctx, readiness());
  }

  /** The full document for callers with health:read, else the status only. */
  public void health(Context ctx) {
    Principal caller = ctx.attribute(Principal.ATTRIBUTE);
    send(ctx, caller != null && caller.can(Permission.HEALTH_READ) ? health() : summary());
  }

  private static void send(Context ctx, Probe probe) {
    ctx.status(probe.status()).contentType("application/json").result(probe.body());
  }
}
