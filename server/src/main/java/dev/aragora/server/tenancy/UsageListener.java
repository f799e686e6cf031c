package dev.aragora.server.tenancy;

/**
 * Told what {@link Metering} counts, for a metrics backend. Prometheus: the metrics registry maps
 * {@link #apiCall} to {@code aragora_tenant_requests_total{tenant}}, {@link #billed} to
 * {@code aragora_billing_events_total{tenant,quota}} and {@link #usage} to
 * {@code aragora_quota_usage_ratio{tenant,quota}} (used ÷ limit); statsd: {@link StatsdListener}.
 * Calls come on request and debate threads: keep them short, never block, never throw.
 */
public interface UsageListener {
  UsageListener NONE = new UsageListener() {};

  /** One authenticated API request of {@code tenant}, counted as it is answered. */
  default void apiCall(String tenant) {}

  /** {@code amount} of {@code quota} charged to {@code tenant} (a debate, its tokens, its bytes, flushed API calls). */
  default void billed(String tenant, Quota quota, long amount) {}

  /** Where {@code tenant} stands on {@code quota} now ({@code limit} 0: no limit). */
  default void usage(String tenant, Quota quota, long used, long limit) {}
}
