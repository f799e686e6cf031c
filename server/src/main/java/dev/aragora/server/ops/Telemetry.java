package dev.aragora.server.ops;

import dev.aragora.core.provider.resilience.ProviderEventListener;
import dev.aragora.server.config.TenancyConfig;
import dev.aragora.server.queue.DebateRunner;
import dev.aragora.server.store.DebateRepository;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A server's metrics and traces, wired to the engine ({@link #llmCalls()}) and to the debate runner
 * ({@link #observe}) in this one place.
 */
public final class Telemetry implements AutoCloseable {
  /** How stale the monthly debate count behind {@code aragora_quota_usage_ratio} may be. */
  private static final Duration QUOTA_COUNT_MAX_AGE = Duration.ofSeconds(30);

  private final TenancyConfig tenancy;
  private final Metrics metrics;
  private final Tracing tracing;

  private Telemetry(TenancyConfig tenancy, Metrics metrics, Tracing tracing) {
    this.tenancy = tenancy;
    this.metrics = metrics;
    this.tracing = tracing;
  }

  public static Telemetry fromEnvironment(Map<String, String> env, String version) {
    TenancyConfig tenancy = TenancyConfig.fromEnvironment(env);
    return new Telemetry(tenancy, new Metrics(tenancy.defaultTenant()), Tracing.fromEnvironment(env, version));
  }

  public Metrics metrics() {
    return metrics;
  }

  public Tracing tracing() {
    return tracing;
  }

  /** Observes every agent's LLM calls: meters and spans. */
  public ProviderEventListener llmCalls() {
    return ProviderEventListener.both(new AgentCallMetrics(metrics, this::tenantOf), tracing.llmCalls());
  }

  /**
   * Observes the runner's debates (gauges, duration, consensus, billing, the debate span and log
   * context) and registers the default tenant's quota usage.
   */
  public void observe(DebateRunner runner, IntSupplier websocketConnections, DebateRepository debates) {
    metrics.watch(runner::running, runner::queued, websocketConnections);
    runner.onRun(tracing.debateRuns());
    runner.onRun((id, request, resumed) -> {
      if (!resumed) metrics.debateStarted(tenantOf(id));
      return status -> {};
    });
    runner.onEnded(metrics::debateEnded);
    runner.onFinished((id, result) -> metrics.debateFinished(tenantOf(id), result));
    MonthlyDebates monthly = new MonthlyDebates(debates::countCreatedSince, tenancy.quotaDebates(),
        InstantSource.system(), QUOTA_COUNT_MAX_AGE);
    metrics.quotaUsage(tenancy.defaultTenant(), "debates", monthly::ratio);
    // Tokens are stored only inside each result's JSON: summing them per scrape is not cheap, so this
    // stays 0 until tenant metering keeps a running total (README "Metrics and traces").
    metrics.quotaUsage(tenancy.defaultTenant(), "tokens", () -> 0);
  }

  /** The tenant a debate bills to: the default one until debates are stored with their tenant. */
  private String tenantOf(String debateId) {
    return tenancy.defaultTenant();
  }

  @Override
  public void close() {
    tracing.close();
    metrics.close();
  }
}
