package dev.aragora.server.config;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the server logs at start about its settings, so an operator sees the limits in force. */
public final class StartupLog {
  /** Under the App logger's name, with the rest of what the server says as it starts. */
  private static final Logger LOG = LoggerFactory.getLogger("dev.aragora.server.App");

  private StartupLog() {}

  public static void limitsAndVersions(RateLimitConfig limits, ApiVersionConfig versions, boolean redis) {
    LOG.info("rate limits per minute: anonymous {}, authenticated {}, premium {}, per IP {} (0 = off), burst x{}; "
            + "counted {}; trusted proxies: {}", limits.anonymousPerMinute(), limits.authenticatedPerMinute(),
        limits.premiumPerMinute(), limits.ipPerMinute(), limits.burstMultiplier(),
        redis ? "in Redis (locally while it is unreachable)" : "in this process",
        limits.trustedProxies().isEmpty() ? "none" : limits.trustedProxies());
    if (versions.deprecatesV1() && !versions.legacyEnabled()) {
      LOG.info("API v1 and unversioned /api paths answer 410 (ARAGORA_API_LEGACY_ENABLED=false)");
    } else if (versions.deprecatesV1() && LocalDate.now(ZoneOffset.UTC).isAfter(versions.v1Sunset())) {
      LOG.warn("API v1 is past its sunset ({}) but still served: set ARAGORA_API_LEGACY_ENABLED=false to retire it",
          versions.v1Sunset());
    }
  }

  public static void tenancy(TenancyConfig tenancy, MeteringConfig metering) {
    LOG.info("tenants: {} (default tenant '{}', header {}); quotas per tenant: {} API calls, {} tokens and {} debates"
            + " a month, {} bytes stored (0 = no limit); metering {}", tenancy.multiTenant() ? "on" : "off",
        tenancy.defaultTenant(), tenancy.header(), tenancy.apiCalls(), tenancy.tokens(), tenancy.debates(),
        tenancy.storageBytes(), !metering.enabled() ? "off (nothing counted, no quota enforced)"
            : "to " + metering.backend().name().toLowerCase(Locale.ROOT) + ", API calls flushed every "
            + metering.flushInterval().toSeconds() + " s");
  }
}
