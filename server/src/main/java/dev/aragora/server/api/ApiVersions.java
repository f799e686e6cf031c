package dev.aragora.server.api;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.config.ApiVersionConfig;
import io.javalin.http.Context;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API version of each /api request, and the headers that say so (a before-handler).
 *
 * <ul>
 *   <li>{@code /api/v2/…} is v2 and {@code /api/v1/…} is v1, whatever X-API-Version says: the URL wins.
 *   <li>{@code /api/…} (unversioned) is the version X-API-Version names (v1 or v2; anything else is
 *       400 {@code unsupported_api_version}), and v1 — the legacy API — without that header.
 * </ul>
 * Every /api response carries {@code X-API-Version}. While v2 is current (ARAGORA_API_VERSION), a v1
 * response also carries {@code Deprecation: @<epoch seconds>} (RFC 9745 §2, the structured-field
 * date ARAGORA_API_V1_DEPRECATED), {@code Sunset: <HTTP-date>} (RFC 8594 §3, the last second of
 * ARAGORA_API_V1_SUNSET in UTC) and {@code Link: </api/v2/…>; rel="successor-version"} (RFC 5829);
 * with ARAGORA_API_LEGACY_ENABLED=false it is refused with 410 {@code api_version_gone} and the same
 * headers instead. Probe paths under /api are never versioned or refused.
 */
public final class ApiVersions {
  public static final String HEADER = "X-API-Version";
  private static final Set<String> PROBES = Set.of("/api/health", "/api/v2/health", "/api/v2/health/ready");
  private static final Pattern OTHER_VERSION = Pattern.compile("^/api/v\\d+(/.*)?$");

  private final ApiVersionConfig config;
  private final String deprecation;
  private final String sunset;

  public ApiVersions(ApiVersionConfig config) {
    this.config = requireNonNull(config, "config is null");
    this.deprecation = "@" + config.v1Deprecated().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    this.sunset = DateTimeFormatter.RFC_1123_DATE_TIME
        .format(config.v1Sunset().atTime(LocalTime.MAX.withNano(0)).atZone(ZoneOffset.UTC));
  }

  /** The Deprecation header of v1 responses. */
  public String deprecationHeader() {
    return deprecation;
  }

  /** The Sunset header of v1 responses. */
  public String sunsetHeader() {
    return sunset;
  }

  /** Before-handler for every request; only /api paths are touched. */
  public void handle(Context ctx) {
    String path = ctx.path();
    if (!(path.equals("/api") || path.startsWith("/api/")) || PROBES.contains(path)) return;
    String version;
    String rest;
    if (path.equals("/api/v2") || path.startsWith("/api/v2/")) {
      version = ApiVersionConfig.V2;
      rest = path.substring("/api/v2".length());
    } else if (path.equals("/api/v1") || path.startsWith("/api/v1/")) {
      version = ApiVersionConfig.V1;
      rest = path.substring("/api/v1".length());
    } else if (OTHER_VERSION.matcher(path).matches()) {
      return; // no such version: the router answers 404
    } else {
      version = requested(ctx.header(HEADER));
      rest = path.substring("/api".length());
      ctx.header("Vary", HEADER);
    }
    ctx.header(HEADER, version);
    if (!version.equals(ApiVersionConfig.V1) || !config.deprecatesV1()) return;
    String successor = "/api/" + ApiVersionConfig.V2 + rest;
    ctx.header("Deprecation", deprecation);
    ctx.header("Sunset", sunset);
    ctx.header("Link", "<" + successor + ">; rel=\"successor-version\"");
    if (!config.legacyEnabled())
      throw new ApiError(410, "api_version_gone", "API v1 and unversioned /api paths are retired"
          + " (ARAGORA_API_LEGACY_ENABLED=false); use " + successor);
  }

  /** The version an unversioned request asks for with X-API-Version; v1 (legacy) without it. */
  private static String requested(String header) {
    if (header == null || header.isBlank()) return ApiVersionConfig.V1;
    String value = header.strip().toLowerCase(Locale.ROOT);
    if (value.equals("1")) value = ApiVersionConfig.V1;
    if (value.equals("2")) value = ApiVersionConfig.V2;
    if (value.equals(ApiVersionConfig.V1) || value.equals(ApiVersionConfig.V2)) return value;
    throw ApiError.badRequest("unsupported_api_version",
        "X-API-Version must be v1 or v2, got '" + abbreviated(header.strip()) + "'");
  }

  private static String abbreviated(String text) {
    return text.length() <= 32 ? text : text.substring(0, 32) + "…";
  }
}
