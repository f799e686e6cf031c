package dev.aragora.server.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.server.security.Permission;
import dev.aragora.server.security.Principal;
import dev.aragora.server.tenancy.Metering;
import dev.aragora.server.tenancy.Quota;
import dev.aragora.server.tenancy.QuotaExceededException;
import dev.aragora.server.tenancy.Tenants;
import io.javalin.http.Context;
import java.util.Map;

/**
 * GET …/usage[?tenant=ID] → the tenant's usage and quotas this month; and the answer to a request
 * refused for a quota (402, or 429 for API calls).
 */
public final class UsageApi {
  private final Json json;
  private final Metering metering;
  private final Tenants tenants;

  public UsageApi(Json json, Metering metering, Tenants tenants) {
    this.json = requireNonNull(json, "json is null");
    this.metering = requireNonNull(metering, "metering is null");
    this.tenants = requireNonNull(tenants, "tenants is null");
  }

  /**
   * {tenant, period, resets_at, metering_enabled, quotas: {name: {used, limit, ratio}}}; the caller's
   * tenant, or with {@code ?tenant=} (operators holding tenants:manage only) any tenant. Asking for
   * another tenant without that right is answered like asking for one that does not exist (404).
   */
  public void show(Context ctx) {
    Principal caller = ctx.attribute(Principal.ATTRIBUTE);
    String tenant = RequestTenant.of(ctx);
    String asked = ctx.queryParam("tenant");
    if (asked != null && !asked.isBlank() && !asked.strip().equals(tenant)) {
      if (caller == null || !caller.can(Permission.TENANTS_MANAGE) || !tenants.exists(asked.strip()))
        throw ApiError.notFound("no tenant '" + asked.strip() + "'");
      tenant = asked.strip();
    }
    Metering.Usage usage = metering.usage(tenant);
    ObjectNode body = json.object();
    body.put("tenant", usage.tenant()).put("period", usage.period()).put("resets_at", usage.resetsAt().toString())
        .put("metering_enabled", usage.enabled());
    ObjectNode quotas = body.putObject("quotas");
    for (Map.Entry<Quota, Metering.Line> e : usage.quotas().entrySet()) {
      Metering.Line line = e.getValue();
      ObjectNode node = quotas.putObject(e.getKey().wire()).put("used", line.used()).put("limit", line.limit())
          .put("ratio", Math.round(line.ratio() * 10_000) / 10_000.0);
      if (e.getKey() == Quota.STORAGE) node.put("unit", "bytes");
    }
    json.send(ctx, 200, body);
  }

  /** The exception handler for {@link QuotaExceededException}. */
  public void refused(QuotaExceededException e, Context ctx) {
    ctx.attribute(Metering.REFUSED, e.quota());
    if (e.retryAfterSeconds() > 0) ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    ObjectNode body = json.object();
    body.putObject("error").put("code", "quota_exceeded").put("message", e.getMessage()).put("quota", e.quota().wire())
        .put("limit", e.limit()).put("used", e.used());
    json.send(ctx, e.status(), body);
  }
}
