package dev.aragora.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.debate.event.EventCodec;
import dev.aragora.core.memory.DebateMemory;
import dev.aragora.core.memory.MemoryEmbedder;
import dev.aragora.core.receipt.ReceiptKeys;
import dev.aragora.core.receipt.ReceiptSigner;
import dev.aragora.server.api.AgentsApi;
import dev.aragora.server.api.ApiError;
import dev.aragora.server.api.ApiVersions;
import dev.aragora.server.api.AuthApi;
import dev.aragora.server.api.DebateApi;
import dev.aragora.server.api.DebateInput;
import dev.aragora.server.api.DocsApi;
import dev.aragora.server.api.ExportApi;
import dev.aragora.server.api.HealthApi;
import dev.aragora.server.api.HomePage;
import dev.aragora.server.api.Json;
import dev.aragora.server.api.JsonErrorHandler;
import dev.aragora.server.api.MemoryApi;
import dev.aragora.server.api.RankingsApi;
import dev.aragora.server.api.ReceiptApi;
import dev.aragora.server.api.RequestTenant;
import dev.aragora.server.api.TenantsApi;
import dev.aragora.server.api.UsageApi;
import dev.aragora.server.cache.Cache;
import dev.aragora.server.cache.RedisCache;
import dev.aragora.server.config.ApiVersionConfig;
import dev.aragora.server.config.AuthConfig;
import dev.aragora.server.config.Engine;
import dev.aragora.server.config.MemoryConfig;
import dev.aragora.server.config.MeteringConfig;
import dev.aragora.server.config.QueueConfig;
import dev.aragora.server.config.RankingConfig;
import dev.aragora.server.config.RateLimitConfig;
import dev.aragora.server.config.RedisConfig;
import dev.aragora.server.config.ServerConfig;
import dev.aragora.server.config.StartupLog;
import dev.aragora.server.config.StreamConfig;
import dev.aragora.server.config.TelemetryConfig;
import dev.aragora.server.config.TenancyConfig;
import dev.aragora.server.net.ClientIp;
import dev.aragora.server.ops.BuildInfo;
import dev.aragora.server.ops.JettySettings;
import dev.aragora.server.ops.MemoryReport;
import dev.aragora.server.ops.Metrics;
import dev.aragora.server.ops.ProbeHandler;
import dev.aragora.server.ops.Telemetry;
import dev.aragora.server.queue.DebateRunner;
import dev.aragora.server.queue.QueueFullException;
import dev.aragora.server.queue.RunnerClosedException;
import dev.aragora.server.ranking.RankingDomain;
import dev.aragora.server.ranking.Rankings;
import dev.aragora.server.ratelimit.Buckets;
import dev.aragora.server.ratelimit.Caller;
import dev.aragora.server.ratelimit.LocalBuckets;
import dev.aragora.server.ratelimit.RateLimits;
import dev.aragora.server.ratelimit.RedisBuckets;
import dev.aragora.server.receipt.ReceiptService;
import dev.aragora.server.redis.Redis;
import dev.aragora.server.security.AccessGuard;
import dev.aragora.server.security.AccessTokens;
import dev.aragora.server.security.AuthService;
import dev.aragora.server.security.JwtSecrets;
import dev.aragora.server.security.PasswordHasher;
import dev.aragora.server.security.Principal;
import dev.aragora.server.security.RouteAccess;
import dev.aragora.server.shared.RedisSharedState;
import dev.aragora.server.shared.SharedState;
import dev.aragora.server.store.ApiKeyRepository;
import dev.aragora.server.store.AuthSessions;
import dev.aragora.server.store.ChannelLog;
import dev.aragora.server.store.ConnectionFailures;
import dev.aragora.server.store.Database;
import dev.aragora.server.store.DatabaseSettings;
import dev.aragora.server.store.DebateLeases;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.store.EventLog;
import dev.aragora.server.store.JdbcMemoryStore;
import dev.aragora.server.store.MemorySweeper;
import dev.aragora.server.store.QueueNotifications;
import dev.aragora.server.store.RatingStore;
import dev.aragora.server.store.ReceiptRepository;
import dev.aragora.server.store.StoredDebate;
import dev.aragora.server.store.TenantRepository;
import dev.aragora.server.store.UsageRepository;
import dev.aragora.server.store.UserRepository;
import dev.aragora.server.stream.DebateStreaming;
import dev.aragora.server.stream.EventBus;
import dev.aragora.server.stream.LocalEventBus;
import dev.aragora.server.stream.PublishingEventLog;
import dev.aragora.server.stream.RankingChannel;
import dev.aragora.server.stream.RedisEventBus;
import dev.aragora.server.stream.StoredEvents;
import dev.aragora.server.tenancy.Metering;
import dev.aragora.server.tenancy.QuotaExceededException;
import dev.aragora.server.tenancy.StatsdListener;
import dev.aragora.server.tenancy.Tenants;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server: wires store, engine, runner and handlers by constructor, and owns their lifecycle. */
public final class App implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(App.class);
  /** The API answers under each of these prefixes; v1 and the bare /api share v2's handlers. */
  private static final List<String> API_PREFIXES = List.of("/api/v2", "/api/v1", "/api");
  /** The outage probe retries every 250 ms; clients need not come back sooner than this. */
  private static final String DATABASE_RETRY_AFTER_SECONDS = "2";

  private final Database database;
  /** Null without ARAGORA_REDIS_URL / REDIS_URL. */
  private final Redis redis;
  private final EventBus bus;
  /** Counters and revocations for the guard rails, shared by the instances when Redis is configured. */
  private final SharedState shared;
  /** Token buckets of the rate limits: in Redis when configured (local while it is down), else local. */
  private final Buckets buckets;
  private final RateLimits limits;
  private final ApiVersions versions;
  private final DebateRunner runner;
  private final QueueNotifications queueBell;
  private final Json json;
  private final HealthApi health;
  private final DebateApi debates;
  private final ExportApi exports;
  private final ReceiptApi receipts;
  private final AgentsApi agents;
  private final RankingsApi rankings;
  private final Rankings ratings;
  private final DocsApi docs;
  private final MemoryApi memory;
  private final MemorySweeper memorySweeper;
  private final boolean metricsEnabled;
  private final MemoryReport memoryReport;
  private final HomePage home;
  // Authentication and authorization (security package): the guard runs before every routed request.
  private final RouteAccess routeAccess;
  private final AccessGuard guard;
  private final AuthApi auth;
  /** Metrics and traces (ops/); {@link #metrics} is its Prometheus side. */
  private final Telemetry telemetry;
  private final Metrics metrics;
  // Tenancy: who acts for which tenant (the guard asks), usage and quotas, and their routes.
  private final Tenants tenants;
  private final Metering metering;
  /** Null unless ARAGORA_METERING_BACKEND=statsd. */
  private final StatsdListener statsd;
  private final UsageApi usage;
  private final TenantsApi tenantsApi;
  private final DebateStreaming streaming;
  private final Javalin http;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Duration shutdownTimeout;

  private App(Map<String, String> env, ServerConfig config) {
    // The core's mapper shares Jackson's buffers across virtual threads (the default pool is per thread).
    ObjectMapper mapper = dev.aragora.core.provider.http.Json.mapper();
    RedisConfig redisConfig = RedisConfig.fromEnvironment(env);
    RateLimitConfig limitConfig = RateLimitConfig.fromEnvironment(env);
    ApiVersionConfig versionConfig = ApiVersionConfig.fromEnvironment(env);
    // Read before anything starts: a bad or (in production) missing ARAGORA_JWT_SECRET refuses to start.
    AuthConfig authConfig = AuthConfig.fromEnvironment(env);
    TenancyConfig tenancyConfig = TenancyConfig.fromEnvironment(env);
    MeteringConfig meteringConfig = MeteringConfig.fromEnvironment(env);
    TelemetryConfig telemetryConfig = TelemetryConfig.fromEnvironment(env);
    this.metricsEnabled = telemetryConfig.metricsEnabled();
    this.database = Database.open(DatabaseSettings.fromEnv(env));
    Redis startedRedis = null;
    Telemetry startedTelemetry = null;
    Metering startedMetering = null;
    QueueNotifications startedBell = null;
    try {
      this.telemetry = startedTelemetry = Telemetry.fromEnvironment(env, BuildInfo.load().version());
      this.metrics = telemetry.metrics();
      RankingConfig rankingConfig = RankingConfig.fromEnvironment(env);
      Rankings rankings = this.ratings = new Rankings(new RatingStore(database, rankingConfig.elo(), mapper, InstantSource.system()),
          mapper);
      // Votes are weighed by the debate's tenant's ratings: the runner asks for each tenant's arena.
      Engine engine = Engine.fromEnvironment(env, telemetry.llmCalls());
      DebateRepository repository = new DebateRepository(database, mapper, InstantSource.system());
      EventLog events = new EventLog(database, mapper);
      this.redis = startedRedis = redisConfig.server().map(s -> Redis.start(s, redisConfig.keyPrefix())).orElse(null);
      // The ranking channel streams like a debate that never ends; its events have their own table.
      ChannelLog channels = new ChannelLog(database, RankingChannel.KEPT);
      StoredEvents stored = (id, after, limit) -> RankingChannel.isChannel(id) ? channels.since(id, after, limit)
          : events.since(id, after, limit);
      this.bus = redis == null ? new LocalEventBus() : new RedisEventBus(redis, stored);
      this.shared = redis == null ? SharedState.local() : new RedisSharedState(redis);
      // Rate limits and API versions (ratelimit/, net/, api/ApiVersions); the handlers are registered in routes().
      this.buckets = redis == null ? new LocalBuckets(InstantSource.system())
          : new RedisBuckets(redis, limitConfig.redisTtl(), InstantSource.system());
      ClientIp clientIp = new ClientIp(limitConfig.trustedProxies());
      // The tier limit counts the authenticated caller (all of a user's keys share one bucket), else the client IP.
      this.limits = new RateLimits(limitConfig, buckets, clientIp, (ctx, ip) -> {
        Principal principal = ctx.attribute(Principal.ATTRIBUTE);
        return principal == null || principal.isAnonymous() ? Caller.anonymous(ip)
            : new Caller(principal.subject(), principal.tier());
      });
      this.versions = new ApiVersions(versionConfig);
      StartupLog.limitsAndVersions(limitConfig, versionConfig, redis != null);
      Cache cache = redisConfig.cacheTtl().isZero() ? Cache.none()
          : redis == null ? Cache.local(redisConfig.cacheTtl()) : new RedisCache(redis, redisConfig.cacheTtl());
      RankingChannel rankingChannel = new RankingChannel(channels, bus, mapper, InstantSource.system());
      rankings.publishTo(rankingChannel);
      rankings.refreshOn(bus);
      this.runner = new DebateRunner(tenant -> engine.arena().withWeights(rankings.voteWeights(tenant)), repository, new DebateLeases(database, InstantSource.system()),
          new PublishingEventLog(events, bus, mapper), events, new EventCodec(mapper), config.maxConcurrentDebates(),
          config.maxQueuedDebates(), QueueConfig.fromEnvironment(env, config.port()));
      // PostgreSQL: a debate admitted on a full instance wakes the others at once (the poll is the fallback).
      this.queueBell = startedBell = QueueNotifications.listen(database, runner::wake);
      if (queueBell != null) runner.onWaiting(queueBell::ring);
      this.shutdownTimeout = config.shutdownTimeout();
      this.json = new Json(mapper);
      BuildInfo build = BuildInfo.load();
      this.streaming = new DebateStreaming(bus, stored,
          id -> RankingChannel.isChannel(id) ? Optional.of(DebateRepository.RUNNING)
              : repository.find(id).map(StoredDebate::status),
          // A tenant follows its own debates, and its own ranking channel when it asks for _leaderboard.
          (tenant, id) -> RankingChannel.ID.equals(id)
              ? Optional.of(RankingChannel.of(tenant == null ? tenancyConfig.defaultTenant() : tenant))
              : (tenant == null ? repository.find(id) : repository.find(tenant, id)).map(StoredDebate::id),
          mapper, StreamConfig.fromEnvironment(env), clientIp);
      this.health = new HealthApi(json, database, runner, build.version(), Instant.now(), closing::get,
          streaming::openWebSockets, shared::status, limits::status);
      telemetry.observe(runner, streaming::openWebSockets, repository);
      MemoryConfig memoryConfig = MemoryConfig.fromEnvironment(env);
      JdbcMemoryStore memoryStore = new JdbcMemoryStore(database, InstantSource.system());
      DebateMemory debateMemory = new DebateMemory(memoryStore,
          MemoryEmbedder.forBackend(engine.config().similarityBackend()), InstantSource.system(),
          memoryConfig.recallLimit(), memoryConfig.minSimilarity());
      runner.onFinished((tenant, id, result) -> debateMemory.remember(Tenants.memoryScope(tenant), result));
      runner.onFinished((tenant, id, result) -> rankings.record(tenant, result, domainOf(repository, mapper, id))
          .ifPresent(recorded -> cache.invalidate(RankingsApi.CACHE)));
      this.memory = new MemoryApi(json, debateMemory);
      // --- metering (ARAGORA_METERING_*, ARAGORA_QUOTA_*): the database counts, every instance charges it
      this.metering = startedMetering = new Metering(meteringConfig, tenancyConfig, new UsageRepository(database),
          InstantSource.system());
      this.statsd = meteringConfig.enabled() && meteringConfig.backend() == MeteringConfig.Backend.STATSD
          ? new StatsdListener(meteringConfig.statsdHost(), meteringConfig.statsdPort(), meteringConfig.statsdPrefix())
          : null;
      if (statsd != null) metering.addListener(statsd);
      // ARAGORA_METERING_BACKEND=prometheus: the metrics registry hooks in here with
      if (meteringConfig.enabled()) metering.addListener(telemetry.usage());
      StartupLog.tenancy(tenancyConfig, meteringConfig);
      this.debates = new DebateApi(json, new DebateInput(mapper, engine.config(), engine.catalog(),
          rankings::standing, rankings.initialElo()), repository, events,
          runner, config.maxBodyBytes(), debateMemory, metering);
      ReceiptService receiptService = new ReceiptService(new ReceiptRepository(database),
          new ReceiptSigner(receiptKeys(env, database.settings())), mapper, InstantSource.system());
      LOG.info("decision receipts are signed with Ed25519 key id {}", receiptService.keyId());
      runner.onFinished(receiptService::issue);
      // After the receipt, so that the bytes it holds are counted.
      runner.onFinished(metering::debateFinished);
      this.receipts = new ReceiptApi(json, repository, receiptService, config.maxBodyBytes());
      this.exports = new ExportApi(json, repository, receiptService);
      this.agents = new AgentsApi(json, engine.catalog());
      this.rankings = new RankingsApi(json, rankings.store(), cache);
      this.docs = new DocsApi(build.swaggerUiVersion());
      this.home = new HomePage();
      // --- authentication and authorization ---
      JwtSecrets secrets = JwtSecrets.load(authConfig, database.settings().dataDir());
      if (secrets.generated() && database.isPostgres())
        LOG.warn("access tokens are signed with the generated secret in {}: instances sharing this database must"
            + " share it too, or set ARAGORA_JWT_SECRET on every instance", secrets.file());
      UserRepository users = new UserRepository(database);
      AuthService authService = new AuthService(authConfig, users, new ApiKeyRepository(database),
          new AuthSessions(database), new AccessTokens(secrets, authConfig.accessTtl(), InstantSource.system()),
          new PasswordHasher(new SecureRandom()), shared, InstantSource.system(), database.isPostgres());
      authService.start(System.err);
      this.auth = new AuthApi(json, authService);
      this.routeAccess = new RouteAccess(authConfig.metricsToken().isPresent());
      this.tenants = new Tenants(tenancyConfig, new TenantRepository(database), users, authService, InstantSource.system());
      this.guard = new AccessGuard(authService, routeAccess, this::routeTemplate, tenants);
      this.usage = new UsageApi(json, metering, tenants);
      this.tenantsApi = new TenantsApi(json, tenants, auth);
      // --- end of authentication and authorization ---
      this.http = Javalin.create(c -> {
        c.staticFiles.enableWebjars();
        c.requestLogger.http(metrics::request);
        c.concurrency.useVirtualThreads = true;
        c.startup.showJavalinBanner = false;
        c.http.maxRequestSize = config.maxBodyBytes();
        JettySettings.apply(c.jetty, config.port(), config.shutdownTimeout(), new ProbeHandler(health),
            () -> new JsonErrorHandler(mapper));
        streaming.install(c.jetty, guard.webSocketGate());
        routes(c.routes);
      });
      List<String> undeclared = routeAccess.undeclared(routes());
      if (!undeclared.isEmpty())
        throw new IllegalStateException("routes without a declared permission in RouteAccess: " + undeclared);
      this.memorySweeper = MemorySweeper.start(memoryStore, memoryConfig.sweepInterval());
      this.memoryReport = telemetryConfig.memoryProfiling() ? MemoryReport.start(Duration.ofMinutes(1)) : null;
    } catch (RuntimeException e) {
      if (startedMetering != null) startedMetering.close();
      if (startedBell != null) startedBell.close();
      if (startedRedis != null) startedRedis.close();
      if (startedTelemetry != null) startedTelemetry.close();
      database.close();
      throw e;
    }
  }

  /**
   * The receipt signing key: ARAGORA_RECEIPT_SIGNING_KEY, else the key file in ARAGORA_DATA_DIR
   * (created on first start), whichever database holds the debates. Errors name where the key came
   * from, never the key.
   */
  private static KeyPair receiptKeys(Map<String, String> env, DatabaseSettings settings) {
    try {
      return ReceiptKeys.load(env, settings.dataDir());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the receipt signing key in " + settings.dataDir()
          + ": " + e, e);
    }
  }

  /**
   * Opens the database, builds the engine and starts listening. {@code config} is normally
   * {@code ServerConfig.fromEnvironment(env)}, perhaps with another port; port 0 picks a free one.
   */
  public static App start(Map<String, String> env, ServerConfig config) {
    App app = new App(env, config);
    try {
      // Before listening, so that debates the last process left queued or running (a crash) keep
      // their place ahead of new ones; each continues from its stored events.
      app.runner.start();
      app.http.start();
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    return app;
  }

  private void routes(RoutesConfig routes) {
    // In this order (Javalin runs before-handlers as registered):
    routes.before(limits::byAddress); // 1. per client IP, every request, ahead of authentication
    routes.before(versions::handle); // 2. version headers; 410 for v1 and unversioned /api when legacy is off
    routes.before(guard::check); // 3. the caller: refused requests go no further; later handlers see the principal
    routes.before(limits::byCaller); // 4. the caller's tier
    routes.before(ctx -> { // 5. per-tenant request metrics count the caller's tenant
      Principal principal = ctx.attribute(Principal.ATTRIBUTE);
      if (principal != null) ctx.attribute(Metrics.TENANT_ATTRIBUTE, principal.tenantId());
    });
    routes.before(metering::checkApiCall); // 6. the tenant's monthly API calls (429 when used up)
    routes.after(metering::countApiCall); // every answered authenticated API request counts (not quota refusals)
    routes.get("/healthz", health::live);
    routes.get("/readyz", health::ready);
    routes.get("/ready", health::ready);
    routes.get("/api/v2/health/ready", health::ready);
    routes.get("/api/health", health::health);
    routes.get("/api/v2/health", health::health);
    if (metricsEnabled) routes.get("/metrics", metrics::scrape);
    routes.get("/api/v2/openapi.yaml", docs::openApi);
    routes.get("/openapi.yaml", docs::openApi);
    routes.get("/", home::show);
    routes.get("/docs", docs::ui);
    routes.get("/api/v2/docs", docs::ui);
    for (String prefix : API_PREFIXES) {
      routes.post(prefix + "/debates", debates::create);
      routes.get(prefix + "/debates", debates::list);
      routes.get(prefix + "/debates/{id}", debates::show);
      routes.get(prefix + "/debates/{id}/events", streaming.eventsOr(debates::events, RequestTenant::of));
      routes.get(prefix + "/debates/{id}/messages", debates::messages);
      routes.post(prefix + "/debates/{id}/cancel", debates::cancel);
      routes.get(prefix + "/debates/{id}/export/json", exports::exportJson);
      routes.get(prefix + "/debates/{id}/export/md", exports::exportMarkdown);
      routes.get(prefix + "/debates/{id}/receipt", receipts::show);
      routes.get(prefix + "/debates/{id}/receipt/md", receipts::markdown);
      routes.post(prefix + "/receipts/verify", receipts::verify);
      routes.get(prefix + "/agents", agents::list);
      // The literal route first, so that "leaderboard" is never taken for an agent's name.
      routes.get(prefix + "/agents/leaderboard", rankings::leaderboard);
      routes.get(prefix + "/agents/{name}", rankings::show);
      routes.get(prefix + "/agents/{a}/head-to-head/{b}", rankings::headToHead);
      routes.get(prefix + "/consensus/similar", memory::similar);
      routes.post(prefix + "/auth/login", auth::login);
      routes.post(prefix + "/auth/refresh", auth::refresh);
      routes.post(prefix + "/auth/logout", auth::logout);
      routes.get(prefix + "/auth/me", auth::me);
      routes.post(prefix + "/auth/revoke", auth::revoke);
      routes.get(prefix + "/auth/users", auth::users);
      routes.post(prefix + "/auth/users", auth::createUser);
      routes.get(prefix + "/auth/api-keys", auth::keys);
      routes.post(prefix + "/auth/api-keys", auth::createKey);
      routes.delete(prefix + "/auth/api-keys/{id}", auth::deleteKey);
      routes.get(prefix + "/usage", usage::show);
      routes.get(prefix + "/tenants", tenantsApi::list);
      routes.post(prefix + "/tenants", tenantsApi::create);
      routes.post(prefix + "/tenants/{id}/users", tenantsApi::createUser);
      routes.put(prefix + "/tenants/{id}/users/{user}", tenantsApi::moveUser);
    }
    routes.exception(QueueFullException.class, (e, ctx) -> {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      json.error(ctx, 503, "queue_full", e.getMessage());
    });
    routes.exception(RunnerClosedException.class, (e, ctx) -> {
      ctx.header("Retry-After", "5");
      json.error(ctx, 503, "shutting_down", e.getMessage());
    });
    routes.exception(ApiError.class, (e, ctx) -> json.error(ctx, e.status(), e.code(), e.getMessage()));
    routes.exception(QuotaExceededException.class, usage::refused);
    routes.exception(HttpResponseException.class, (e, ctx) -> json.error(ctx, e.getStatus(), codeFor(e.getStatus()),
        e.getStatus() == 404 ? "no route for " + ctx.method() + " " + ctx.path() : e.getMessage()));
    routes.exception(Exception.class, (e, ctx) -> {
      // Unreachable database, wherever in the request it surfaced: fail fast and say when to retry.
      if (ConnectionFailures.isConnectionFailure(e)) {
        ctx.header("Retry-After", DATABASE_RETRY_AFTER_SECONDS);
        json.error(ctx, 503, "database_unavailable", "the database is unavailable; retry later");
        return;
      }
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      json.error(ctx, 500, "internal_error", "internal error");
    });
    routes.error(404, ctx -> {
      if (!"application/json".equals(ctx.res().getContentType()))
        json.error(ctx, 404, "not_found", "no route for " + ctx.method() + " " + ctx.path());
    });
  }

  /** The route template {@code method} on {@code path} reaches, if any (for the access guard). */
  private Optional<String> routeTemplate(HandlerType method, String path) {
    ParsedEndpoint entry = http.unsafe.internalRouter.findFirstHttpHandlerEntry(method, path);
    return entry == null ? Optional.empty() : Optional.of(entry.endpoint.path);
  }

  /** The rating domain a debate's metadata names, else general. */
  private static String domainOf(DebateRepository repository, ObjectMapper mapper, String id) {
    Map<String, Object> metadata = repository.find(id).map(d -> {
      try {
        return mapper.readValue(d.metadataJson(),
            new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return Map.<String, Object>of();
      }
    }).orElse(Map.of());
    return RankingDomain.of(metadata);
  }

  private static String codeFor(int status) {
    return JsonErrorHandler.code(status);
  }

  /** The port the server listens on (the real one when started on port 0). */
  public int port() {
    return http.port();
  }

  /** What each route requires of its caller (for the permission tests). */
  public RouteAccess routeAccess() {
    return routeAccess;
  }

  /** Every HTTP route as "METHOD /path/{param}" (for the OpenAPI document's and the permission tests). */
  public List<String> routes() {
    return http.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(p -> p.endpoint.method.isHttpMethod())
        .map(p -> p.endpoint.method.name() + " " + p.endpoint.path)
        .toList();
  }

  /** Usage and quotas (for tests: flush the API-call counts now). */
  Metering metering() {
    return metering;
  }

  /** The ratings service (for tests: record a debate again, read vote weights). */
  Rankings rankings() {
    return ratings;
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /**
   * Readiness turns 503, running debates are suspended back to queued (they resume from their events
   * at the next start), Jetty stops (finishing requests in flight), the pool closes. Debates and
   * Jetty each get ARAGORA_SHUTDOWN_TIMEOUT at most; suspending takes moments, so in practice the
   * budget is Jetty's.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) return;
    try {
      // Debates first: they are checkpointed in moments, while Jetty may wait out its stop timeout
      // on a long request. A debate created meanwhile stays queued and runs after the next start.
      long deadline = System.nanoTime() + shutdownTimeout.toNanos();
      runner.close(shutdownTimeout);
      if (queueBell != null) queueBell.close();
      // Open SSE streams and WebSockets end now, or Jetty would wait for them until its stop timeout.
      streaming.close();
      try {
        // Jetty gets what is left of the budget to finish requests in flight.
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        http.jettyServer().server().setStopTimeout(left);
        http.stop();
      } catch (RuntimeException e) {
        LOG.warn("stopping HTTP: {}", e.getMessage());
      }
      bus.close();
      shared.close();
      buckets.close();
      if (redis != null) redis.close();
      memorySweeper.close();
      if (memoryReport != null) memoryReport.close();
      metering.close();
      if (statsd != null) statsd.close();
      telemetry.close();
      database.close();
    } finally {
      closed.countDown();
    }
  }
}
