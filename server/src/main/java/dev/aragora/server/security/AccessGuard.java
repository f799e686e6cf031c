package dev.aragora.server.security;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.api.ApiError;
import dev.aragora.server.stream.UpgradeGate;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place access is decided: a before-handler that finds the route a request will reach,
 * looks up what the route requires in {@link RouteAccess}, authenticates the bearer credential and
 * lets the request on, or answers 401 (no or bad credential, with {@code WWW-Authenticate: Bearer})
 * or 403 (authenticated, not allowed). A route missing from the table is refused. The caller is
 * left on the request as {@link Principal#ATTRIBUTE} (anonymous on public routes without a
 * credential) and {@link Credential#ATTRIBUTE}, acting for the tenant the {@link TenantResolver}
 * decides (a tenant header it refuses is 400 or 403).
 *
 * <p>The token comes from {@code Authorization: Bearer …}; on the streams only (WebSocket /ws and
 * the events route, for browsers' EventSource and WebSocket, which cannot send headers) also from
 * {@code ?access_token=}. Neither is ever logged.
 */
public final class AccessGuard {
  private static final Logger LOG = LoggerFactory.getLogger(AccessGuard.class);
  static final String CHALLENGE = "Bearer realm=\"aragora\"";
  static final String INVALID_TOKEN_CHALLENGE = CHALLENGE + ", error=\"invalid_token\"";

  /** Finds the route template a request reaches, or empty (then only static files or a 404 can answer). */
  @FunctionalInterface
  public interface Routes {
    Optional<String> match(HandlerType method, String path);
  }

  private final AuthService auth;
  private final RouteAccess table;
  private final Routes routes;
  private final TenantResolver tenants;

  /** Every caller in ARAGORA_DEFAULT_TENANT (a single-tenant installation). */
  public AccessGuard(AuthService auth, RouteAccess table, Routes routes) {
    this(auth, table, routes, TenantResolver.single(auth.config().defaultTenant()));
  }

  public AccessGuard(AuthService auth, RouteAccess table, Routes routes, TenantResolver tenants) {
    this.auth = requireNonNull(auth, "auth is null");
    this.table = requireNonNull(table, "table is null");
    this.routes = requireNonNull(routes, "routes is null");
    this.tenants = requireNonNull(tenants, "tenants is null");
  }

  /** The before-handler. */
  public void check(Context ctx) {
    Optional<String> template = routes.match(ctx.method(), ctx.path());
    if (template.isEmpty() && ctx.method() == HandlerType.HEAD) template = routes.match(HandlerType.GET, ctx.path());
    if (template.isEmpty()) {
      // No route: Javalin serves a static asset (public by decision, see RouteAccess) or answers 404.
      ctx.attribute(Principal.ATTRIBUTE, Principal.anonymous(auth.config().defaultTenant()));
      return;
    }
    String method = ctx.method() == HandlerType.HEAD ? "GET" : ctx.method().name();
    Optional<Access> access = table.of(method, template.get());
    if (access.isEmpty()) {
      LOG.error("{} {} has no declared permission in RouteAccess: refused", method, template.get());
      throw new ApiError(403, "forbidden", "this route has no declared permission");
    }
    String bearer = bearer(ctx.header("Authorization"));
    if (bearer == null && access.get().tokenInQuery()) bearer = blankToNull(ctx.queryParam("access_token"));
    Decision decision = decide(access.get(), bearer, ctx.header(tenants.header()));
    if (decision.credential() != null) {
      ctx.attribute(Credential.ATTRIBUTE, decision.credential());
      if (access.get().tokenInQuery()) ctx.attribute(UpgradeGate.STILL_VALID, stillValid(decision.credential(), bearer));
    }
    ctx.attribute(Principal.ATTRIBUTE, decision.principal());
    if (decision.refusal() != null) {
      if (decision.refusal().wwwAuthenticate() != null) ctx.header("WWW-Authenticate", decision.refusal().wwwAuthenticate());
      if (decision.tenantRefusal() != null) throw decision.tenantRefusal();
      throw new ApiError(decision.refusal().status(), decision.refusal().status() == 401 ? "unauthorized" : "forbidden",
          decision.refusal().message());
    }
  }

  /**
   * The same rule for the WebSocket handshake on /ws: the socket follows only its tenant's streams,
   * and its credential is checked again at every heartbeat.
   */
  public UpgradeGate webSocketGate() {
    Access access = table.of("GET", "/ws").orElseThrow(() -> new IllegalStateException("/ws has no declared permission"));
    return (authorization, accessToken, headers) -> {
      String bearer = token(authorization, accessToken);
      Decision decision = decide(access, bearer, headers.apply(tenants.header()));
      if (decision.refusal() != null) return UpgradeGate.Decision.refused(decision.refusal());
      BooleanSupplier valid = decision.credential() == null ? () -> true : stillValid(decision.credential(), bearer);
      return new UpgradeGate.Decision(null, decision.principal().tenantId(), valid);
    };
  }

  private static String token(String authorization, String accessToken) {
    String bearer = bearer(authorization);
    return bearer == null ? blankToNull(accessToken) : bearer;
  }

  /**
   * Whether {@code credential} still holds: the shared tokens always do (they change only with a
   * restart); access tokens and API keys are authenticated again (expiry, logout, revocation).
   */
  private BooleanSupplier stillValid(Credential credential, String bearer) {
    return switch (credential.kind()) {
      case API_TOKEN, METRICS_TOKEN -> () -> true;
      case ACCESS_TOKEN, API_KEY -> () -> auth.authenticate(bearer).isPresent();
    };
  }

  private record Decision(Principal principal, Credential credential, UpgradeGate.Refusal refusal,
                          ApiError tenantRefusal) {}

  private Decision decide(Access access, String bearer, String requestedTenant) {
    Optional<Credential> found = bearer == null ? Optional.empty() : auth.authenticate(bearer);
    Optional<Credential> credential;
    try {
      credential = found.map(c -> new Credential(tenants.resolve(c.principal(), c.kind(), requestedTenant), c.kind(),
          c.tokenId(), c.sessionId(), c.expiresAt()));
    } catch (ApiError e) {
      return new Decision(Principal.anonymous(auth.config().defaultTenant()), null,
          new UpgradeGate.Refusal(e.status(), e.getMessage(), null), e);
    }
    Principal principal = credential.map(Credential::principal)
        .orElseGet(() -> Principal.anonymous(auth.config().defaultTenant()));
    boolean allowed = credential.isPresent() && credential.get().kind() == Credential.Kind.METRICS_TOKEN
        // The metrics token opens /metrics and nothing else.
        ? access.kind() == Access.Kind.PUBLIC || access.permission() == Permission.METRICS_READ
        : access.allows(principal);
    UpgradeGate.Refusal refusal = null;
    if (!allowed) {
      if (bearer != null && credential.isEmpty()) {
        refusal = new UpgradeGate.Refusal(401, "the token is invalid, expired or revoked", INVALID_TOKEN_CHALLENGE);
      } else if (principal.isAnonymous()) {
        refusal = new UpgradeGate.Refusal(401, "authentication required: send Authorization: Bearer <token>"
            + " (POST /api/v2/auth/login gives one)", CHALLENGE);
      } else {
        boolean operatorOnly = access.permission() != null && access.permission().operatorOnly()
            && principal.role().can(access.permission());
        refusal = new UpgradeGate.Refusal(403, "not allowed: this needs " + access
            + (credential.get().kind() == Credential.Kind.METRICS_TOKEN ? ""
                : operatorOnly ? ", which only operators hold (admins of the default tenant, the shared API token)"
                : ", and your role is " + principal.role().wire()),
            null);
      }
    }
    return new Decision(principal, credential.orElse(null), refusal, null);
  }

  /** The token of an {@code Authorization: Bearer …} header, or null. */
  static String bearer(String header) {
    if (header == null) return null;
    String value = header.strip();
    if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) return null;
    return blankToNull(value.substring(7).strip());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
