package dev.aragora.server.security;

import static dev.aragora.server.security.Permission.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of what every route requires, keyed by method and route template. The API answers
 * under /api/v2, /api/v1 and /api alike, so the table names /api/v2 paths and the other prefixes map
 * onto them. A route missing from the table is refused (and {@link #undeclared} lets the server refuse
 * to start with one).
 *
 * <p>Public, and why: the probes (orchestrators and load balancers call them without credentials;
 * they say only up or down), the short health document (status only; the full one needs
 * {@code health:read}), the home page, the API docs and their static assets (they hold no data, and
 * a newcomer needs the page to sign in; every API call they make needs a token), and login and
 * refresh (their bodies are the credentials). /metrics is public only while ARAGORA_METRICS_TOKEN
 * is unset, as before authentication existed, so existing Prometheus scrapers keep working.
 */
public final class RouteAccess {
  /** The WebSocket endpoint; not a Javalin route (see stream.WebSockets), checked by the same rule. */
  public static final String WEBSOCKET = "GET /ws";

  private final Map<String, Access> table = new LinkedHashMap<>();

  /** @param metricsToken whether ARAGORA_METRICS_TOKEN is set (then /metrics needs metrics:read or that token) */
  public RouteAccess(boolean metricsToken) {
    for (String path : List.of("/healthz", "/readyz", "/ready", "/api/v2/health/ready", "/api/v2/health",
        "/", "/docs", "/api/v2/docs", "/openapi.yaml", "/api/v2/openapi.yaml"))
      put("GET " + path, Access.PUBLIC);
    put("GET /metrics", metricsToken ? Access.needs(METRICS_READ) : Access.PUBLIC);

    put("POST /api/v2/debates", Access.needs(DEBATES_CREATE));
    put("GET /api/v2/debates", Access.needs(DEBATES_READ));
    put("GET /api/v2/debates/{id}", Access.needs(DEBATES_READ));
    put("GET /api/v2/debates/{id}/events", Access.stream(DEBATES_READ));
    put("GET /api/v2/debates/{id}/messages", Access.needs(DEBATES_READ));
    put("POST /api/v2/debates/{id}/cancel", Access.needs(DEBATES_CANCEL));
    put("GET /api/v2/debates/{id}/export/json", Access.needs(DEBATES_READ));
    put("GET /api/v2/debates/{id}/export/md", Access.needs(DEBATES_READ));
    put("GET /api/v2/debates/{id}/receipt", Access.needs(RECEIPTS_READ));
    put("GET /api/v2/debates/{id}/receipt/md", Access.needs(RECEIPTS_READ));
    put("POST /api/v2/receipts/verify", Access.needs(RECEIPTS_READ));
    put("GET /api/v2/agents", Access.needs(AGENTS_READ));
    put("GET /api/v2/agents/leaderboard", Access.needs(RANKINGS_READ));
    put("GET /api/v2/agents/{name}", Access.needs(RANKINGS_READ));
    put("GET /api/v2/agents/{a}/head-to-head/{b}", Access.needs(RANKINGS_READ));
    put("GET /api/v2/consensus/similar", Access.needs(MEMORY_READ));
    put(WEBSOCKET, Access.stream(DEBATES_READ));

    put("POST /api/v2/auth/login", Access.PUBLIC);
    put("POST /api/v2/auth/refresh", Access.PUBLIC);
    put("POST /api/v2/auth/logout", Access.SIGNED_IN);
    put("GET /api/v2/auth/me", Access.SIGNED_IN);
    put("POST /api/v2/auth/revoke", Access.needs(USERS_MANAGE));
    put("GET /api/v2/auth/users", Access.needs(USERS_MANAGE));
    put("POST /api/v2/auth/users", Access.needs(USERS_MANAGE));
    put("GET /api/v2/auth/api-keys", Access.needs(KEYS_MANAGE));
    put("POST /api/v2/auth/api-keys", Access.needs(KEYS_MANAGE));
    put("DELETE /api/v2/auth/api-keys/{id}", Access.needs(KEYS_MANAGE));

    // Tenancy: a tenant's own usage; tenants are managed by operators (Permission.operatorOnly).
    put("GET /api/v2/usage", Access.needs(USAGE_READ));
    put("GET /api/v2/tenants", Access.needs(TENANTS_MANAGE));
    put("POST /api/v2/tenants", Access.needs(TENANTS_MANAGE));
    put("POST /api/v2/tenants/{id}/users", Access.needs(TENANTS_MANAGE));
    put("PUT /api/v2/tenants/{id}/users/{user}", Access.needs(TENANTS_MANAGE));
  }

  private void put(String route, Access access) {
    if (table.put(route, access) != null) throw new IllegalStateException("declared twice: " + route);
  }

  /** What {@code method} on route template {@code path} requires; empty when the route is not declared. */
  public Optional<Access> of(String method, String path) {
    return Optional.ofNullable(table.get(method + " " + canonical(path)));
  }

  /** The routes (as "METHOD /path") in {@code routes} that the table does not declare. */
  public List<String> undeclared(List<String> routes) {
    List<String> missing = new ArrayList<>();
    for (String route : routes) {
      String[] parts = route.split(" ", 2);
      if (of(parts[0], parts[1]).isEmpty()) missing.add(route);
    }
    return missing;
  }

  /** /api/v1/x and /api/x are /api/v2/x; everything else is itself. */
  static String canonical(String path) {
    if (path.startsWith("/api/v2/") || path.equals("/api/v2")) return path;
    if (path.startsWith("/api/v1/")) return "/api/v2/" + path.substring("/api/v1/".length());
    if (path.startsWith("/api/")) return "/api/v2/" + path.substring("/api/".length());
    return path;
  }
}
