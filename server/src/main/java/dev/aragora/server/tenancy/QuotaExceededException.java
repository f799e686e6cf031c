package dev.aragora.server.tenancy;

import static java.util.Objects.requireNonNull;

/**
 * A request refused because its tenant has used up a quota: 402 (429 for API calls) with
 * {@code {"error":{"code":"quota_exceeded","message":…,"quota":…,"limit":…,"used":…}}}. Nothing of
 * the request is written.
 */
public final class QuotaExceededException extends RuntimeException {
  private final String tenant;
  private final Quota quota;
  private final long limit;
  private final long used;
  private final long retryAfterSeconds;

  /** @param retryAfterSeconds until the quota resets (the next month), or 0 when it does not (storage) */
  public QuotaExceededException(String tenant, Quota quota, long limit, long used, long retryAfterSeconds) {
    super(message(tenant, quota, limit, used), null, false, false);
    this.tenant = requireNonNull(tenant, "tenant is null");
    this.quota = requireNonNull(quota, "quota is null");
    this.limit = limit;
    this.used = used;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  private static String message(String tenant, Quota quota, long limit, long used) {
    String what = switch (quota) {
      case API_CALLS -> "API calls this month";
      case TOKENS -> "LLM tokens this month";
      case STORAGE -> "bytes of storage";
      case DEBATES -> "debates this month";
    };
    return "tenant '" + tenant + "' has used its quota of " + limit + " " + what + " (used " + used + ", quota "
        + quota.wire() + ")" + (quota.monthly() ? "; it resets at the start of next month (UTC)"
        : "; nothing new can be stored until data is removed or the quota is raised");
  }

  public String tenant() {
    return tenant;
  }

  public Quota quota() {
    return quota;
  }

  public long limit() {
    return limit;
  }

  public long used() {
    return used;
  }

  public int status() {
    return quota.status();
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
