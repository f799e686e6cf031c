package dev.aragora.server.ops;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

/**
 * The Prometheus registry and the server's own meters (README "Metrics and traces" lists them).
 * Label values are always drawn from small fixed sets — statuses, provider names, error kinds,
 * route templates, tenants — never a debate id, user, model or raw path, which would make one
 * series per debate.
 */
public final class Metrics implements AutoCloseable {
  /**
   * The request attribute naming the caller's tenant; tenant resolution sets it (a validated id),
   * and requests without it count for the default tenant.
   */
  public static final String TENANT_ATTRIBUTE = "aragora.tenant";
  /** How many of the latest debates that ran their course {@code aragora_consensus_rate} covers. */
  public static final int CONSENSUS_WINDOW = 100;

  /** Latency buckets from 1 ms to 10 s: a dozen series per route rather than Micrometer's ~70. */
  private static final Duration[] REQUEST_BUCKETS = buckets(Duration::ofMillis,
      1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000);
  /** One LLM attempt: 100 ms to the agent timeout's default of 240 s. */
  private static final Duration[] AGENT_BUCKETS = buckets(Duration::ofMillis,
      100, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 30_000, 60_000, 120_000, 240_000);
  /** A whole debate: 1 s to the debate timeout's default of 20 min (the alert is p95 > 5 min). */
  private static final Duration[] DEBATE_BUCKETS = buckets(Duration::ofSeconds,
      1, 5, 10, 30, 60, 120, 180, 300, 600, 900, 1200, 1800);
  /** Statuses of debates that ran their course, whether or not they agreed. */
  private static final Set<DebateStatus> DECIDED = Set.of(DebateStatus.CONSENSUS_REACHED, DebateStatus.COMPLETED,
      DebateStatus.INSUFFICIENT_PARTICIPATION);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final String defaultTenant;
  /** Whether each of the latest {@link #CONSENSUS_WINDOW} decided debates reached consensus, oldest first. */
  private final ArrayDeque<Boolean> consensusWindow = new ArrayDeque<>(CONSENSUS_WINDOW);

  public Metrics(String defaultTenant) {
    this.defaultTenant = requireNonNull(defaultTenant, "defaultTenant is null");
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
    Gauge.builder("aragora_consensus_rate", this, Metrics::consensusRate)
        .description("Share of the latest " + CONSENSUS_WINDOW + " debates that ran their course on this instance"
            + " which reached consensus (NaN before the first)")
        .register(registry);
  }

  /** Registers the gauges read from the runner and the streams (once they exist). */
  public void watch(IntSupplier activeDebates, IntSupplier queuedDebates, IntSupplier websocketConnections) {
    Gauge.builder("aragora_debates_active", activeDebates::getAsInt).description("Debates running now")
        .register(registry);
    Gauge.builder("aragora_debates_queued", queuedDebates::getAsInt).description("Debates waiting for a slot")
        .register(registry);
    Gauge.builder("aragora_websocket_connections", websocketConnections::getAsInt)
        .description("Open WebSocket connections").register(registry);
  }

  /** The default tenant: whose requests and debates these are until tenancy says otherwise. */
  public String defaultTenant() {
    return defaultTenant;
  }

  // ---- debates --------------------------------------------------------------------------------

  /** Counts a debate that has ended, by its final status. */
  public void debateEnded(String status) {
    Counter.builder("aragora_debates_total").description("Debates that have ended").tag("status", status)
        .register(registry).increment();
  }

  /** A debate's first run starts (a billing event of its tenant). */
  public void debateStarted(String tenant) {
    billingEvent(tenant, "debate_started", 1);
  }

  /**
   * A debate's result is stored: its duration by final status, the consensus window, and a billing
   * event of its tenant.
   */
  public void debateFinished(String tenant, DebateResult result) {
    Timer.builder("aragora_debate_duration_seconds").description("Running time of debates that ended, by final status")
        .tag("status", result.status().wire())
        .serviceLevelObjectives(DEBATE_BUCKETS)
        .register(registry)
        .record(Duration.ofMillis(Math.round(result.durationSeconds() * 1000)));
    if (DECIDED.contains(result.status())) {
      synchronized (consensusWindow) {
        if (consensusWindow.size() == CONSENSUS_WINDOW) consensusWindow.removeFirst();
        consensusWindow.addLast(result.consensusReached());
      }
    }
    billingEvent(tenant, "debate_finished", 1);
  }

  private double consensusRate() {
    synchronized (consensusWindow) {
      if (consensusWindow.isEmpty()) return Double.NaN;
      return consensusWindow.stream().filter(Boolean::booleanValue).count() / (double) consensusWindow.size();
    }
  }

  // ---- agents (LLM calls) -----------------------------------------------------------------------

  /** One attempt of an LLM call ended after {@code elapsed}; {@code outcome} is ok or error. */
  public void agentResponse(String provider, boolean ok, Duration elapsed) {
    Timer.builder("aragora_agent_response_time_seconds").description("LLM call attempts by provider and outcome")
        .tag("provider", provider).tag("outcome", ok ? "ok" : "error")
        .serviceLevelObjectives(AGENT_BUCKETS)
        .register(registry)
        .record(elapsed);
  }

  /** An LLM call attempt failed, or was refused by an open circuit breaker; {@code kind} is its error type. */
  public void agentError(String provider, String kind) {
    Counter.builder("aragora_agent_errors_total").description("Failed LLM call attempts by provider and error kind")
        .tag("provider", provider).tag("kind", kind)
        .register(registry).increment();
  }

  // ---- tenants, billing, quotas ---------------------------------------------------------------

  /**
   * Counts a billing event of {@code tenant}: {@code debate_started}, {@code debate_finished},
   * {@code llm_call} (one billed attempt), {@code input_tokens} and {@code output_tokens} (by the count).
   */
  public void billingEvent(String tenant, String type, long amount) {
    if (amount <= 0) return;
    Counter.builder("aragora_billing_events_total").description("Billable events by tenant and type")
        .tag("tenant", tenant).tag("type", type)
        .register(registry).increment(amount);
  }

  /**
   * Registers {@code aragora_quota_usage_ratio{tenant,quota}}: {@code ratio} is read at each scrape
   * (used ÷ limit; above 1 when over quota). The quota code calls this once per tenant and quota;
   * registering the same pair again keeps the first supplier.
   */
  public void quotaUsage(String tenant, String quota, DoubleSupplier ratio) {
    requireNonNull(ratio, "ratio is null");
    Gauge.builder("aragora_quota_usage_ratio", ratio::getAsDouble)
        .description("Share of a tenant's quota used this period")
        .tag("tenant", tenant).tag("quota", quota)
        .strongReference(true)
        .register(registry);
  }

  // ---- HTTP -------------------------------------------------------------------------------------

  /**
   * Records one answered HTTP request: its latency by route template ("unmatched" when none), and,
   * for the API (paths under /api), a request of the caller's tenant.
   */
  public void request(Context ctx, float millis) {
    String route = ctx.endpoints().lastHttpEndpoint() == null ? "unmatched" : ctx.endpoints().lastHttpEndpoint().path;
    String method = ctx.method().name();
    String status = Integer.toString(ctx.statusCode());
    Timer.builder("aragora_api_request_duration_seconds").description("HTTP request latency")
        .tag("method", method).tag("route", route).tag("status", status)
        .serviceLevelObjectives(REQUEST_BUCKETS)
        .register(registry)
        .record(Duration.ofNanos((long) (millis * 1_000_000)));
    if (ctx.path().startsWith("/api/")) {
      Object tenant = ctx.attribute(TENANT_ATTRIBUTE);
      Counter.builder("aragora_tenant_requests_total").description("API requests by tenant")
          .tag("tenant", tenant instanceof String t && !t.isEmpty() ? t : defaultTenant)
          .tag("method", method).tag("status", status)
          .register(registry).increment();
    }
  }

  /** GET /metrics in the Prometheus text format. */
  public void scrape(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }

  private static Duration[] buckets(java.util.function.LongFunction<Duration> unit, long... values) {
    return java.util.Arrays.stream(values).mapToObj(unit).toArray(Duration[]::new);
  }
}
