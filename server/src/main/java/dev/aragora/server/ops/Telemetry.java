package dev.aragora.server.ops;

import dev.aragora.core.provider.resilience.ProviderEventListener;
import dev.aragora.server.config.TenancyConfig;
import dev.aragora.server.queue.DebateRunner;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.store.StoredDebate;
import dev.aragora.server.tenancy.Quota;
import dev.aragora.server.tenancy.UsageListener;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * A server's metrics and traces, wired to the engine ({@link #llmCalls()}), to the debate runner
 * ({@link #observe}) and to tenant metering ({@link #usage()}) in this one place.
 */
public final class Telemetry implements AutoCloseable {
  /** Debates whose tenant is remembered for billing their LLM calls (the most recent ones). */
  private static final int REMEMBERED_DEBATES = 4096;

  private final String defaultTenant;
  private final Metrics metrics;
  private final Tracing tracing;
  private final Map<String, String> tenants = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > REMEMBERED_DEBATES;
    }
  });
  private final Map<String, AtomicLong> quotaRatios = new ConcurrentHashMap<>();
  private volatile Function<String, String> tenantLookup;

  private Telemetry(String defaultTenant, Metrics metrics, Tracing tracing) {
    this.defaultTenant = defaultTenant;
    this.metrics = metrics;
    this.tracing = tracing;
    this.tenantLookup = id -> defaultTenant;
  }

  public static Telemetry fromEnvironment(Map<String, String> env, String version) {
    TenancyConfig tenancy = TenancyConfig.fromEnvironment(env);
    return new Telemetry(tenancy.defaultTenant(), new Metrics(tenancy.defaultTenant()),
        Tracing.fromEnvironment(env, version));
  }

  public Metrics metrics() {
    return metrics;
  }

  public Tracing tracing() {
    return tracing;
  }

  /** Observes every agent's LLM calls: meters and spans, billed to the debate's tenant. */
  public ProviderEventListener llmCalls() {
    return ProviderEventListener.both(new AgentCallMetrics(metrics, this::tenantOf), tracing.llmCalls());
  }

  /**
   * Observes the runner: gauges, a trace per debate run, duration and consensus per final status,
   * and billing events of each debate's tenant (read from its row once, then remembered).
   */
  public void observe(DebateRunner runner, IntSupplier websocketConnections, DebateRepository debates) {
    metrics.watch(runner::running, runner::queued, websocketConnections);
    tenantLookup = id -> debates.find(id).map(StoredDebate::tenantId).orElse(defaultTenant);
    runner.onRun(tracing.debateRuns());
    runner.onRun((id, request, resumed) -> {
      if (!resumed) metrics.debateStarted(tenantOf(id));
      return status -> {};
    });
    runner.onEnded(metrics::debateEnded);
    runner.onFinished((DebateRunner.Finished) (tenant, id, result) -> metrics.debateFinished(tenant, result));
  }

  /**
   * Metering's counts as Prometheus series: {@code aragora_quota_usage_ratio{tenant,quota}} (used ÷
   * limit; 0 without a limit), registered at a tenant's first charge of each quota.
   */
  public UsageListener usage() {
    return new UsageListener() {
      @Override
      public void usage(String tenant, Quota quota, long used, long limit) {
        double ratio = limit <= 0 ? 0 : (double) used / limit;
        quotaRatios.computeIfAbsent(tenant + "\u0000" + quota.wire(), key -> {
          AtomicLong bits = new AtomicLong();
          metrics.quotaUsage(tenant, quota.wire(), () -> Double.longBitsToDouble(bits.get()));
          return bits;
        }).set(Double.doubleToRawLongBits(ratio));
      }
    };
  }

  /** The tenant a debate (by id) bills to. */
  private String tenantOf(String debateId) {
    if (debateId == null || debateId.isEmpty()) return defaultTenant;
    String known = tenants.get(debateId);
    if (known != null) return known;
    String tenant;
    try {
      tenant = tenantLookup.apply(debateId);
    } catch (RuntimeException e) {
      return defaultTenant; // the store is down: bill the default tenant rather than fail the call
    }
    tenants.put(debateId, tenant);
    return tenant;
  }

  @Override
  public void close() {
    tracing.close();
    metrics.close();
  }
}
