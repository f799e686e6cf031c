package dev.aragora.server.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.server.store.TenantRepository.StoredTenant;
import dev.aragora.server.tenancy.Tenants;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * Operators' tenant management (tenants:manage): …/tenants (list, create), …/tenants/{id}/users
 * (create a user in the tenant) and …/tenants/{id}/users/{user} (move an existing user, with its API
 * keys, into the tenant).
 */
public final class TenantsApi {
  private static final long MAX_BODY = 16 * 1024;

  private final Json json;
  private final Tenants tenants;
  private final AuthApi auth;

  public TenantsApi(Json json, Tenants tenants, AuthApi auth) {
    this.json = requireNonNull(json, "json is null");
    this.tenants = requireNonNull(tenants, "tenants is null");
    this.auth = requireNonNull(auth, "auth is null");
  }

  /** GET …/tenants → {tenants: [{id, name, created_at, default}]}, the default tenant first. */
  public void list(Context ctx) {
    ObjectNode body = json.object();
    body.put("multi_tenant", tenants.config().multiTenant());
    ArrayNode list = body.putArray("tenants");
    for (StoredTenant tenant : tenants.list()) list.add(tenant(tenant));
    json.send(ctx, 200, body);
  }

  /** POST …/tenants {id, name?} → 201 the tenant; 409 when the id is taken. */
  public void create(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode id = body.get("id");
    JsonNode name = body.get("name");
    if (id == null || !id.isTextual()) throw ApiError.badRequest("invalid_request", "id is required and must be a string");
    if (name != null && !name.isNull() && !name.isTextual()) throw ApiError.badRequest("invalid_request", "name must be a string");
    StoredTenant tenant = tenants.create(id.asText().strip(), name == null || name.isNull() ? null : name.asText());
    ctx.header("Location", "/api/v2/tenants/" + tenant.id());
    json.send(ctx, 201, tenant(tenant));
  }

  /** POST …/tenants/{id}/users {email, password, role (member), premium (false)} → 201 the user in that tenant. */
  public void createUser(Context ctx) {
    String tenant = ctx.pathParam("id");
    AuthApi.NewUser user = auth.newUser(ctx);
    json.send(ctx, 201, auth.userJson(tenants.createUser(tenant, user.email(), user.password(), user.role(),
        user.premium())));
  }

  /** PUT …/tenants/{id}/users/{user} (user id or email) → 200 the user, now in that tenant; its sessions end. */
  public void moveUser(Context ctx) {
    json.send(ctx, 200, auth.userJson(tenants.moveUser(ctx.pathParam("id"), ctx.pathParam("user"))));
  }

  private ObjectNode tenant(StoredTenant tenant) {
    boolean isDefault = tenant.id().equals(tenants.defaultTenant());
    return json.object().put("id", tenant.id()).put("name", tenant.name())
        .put("created_at", isDefault ? null : Instant.ofEpochMilli(tenant.createdAt()).toString())
        .put("default", isDefault);
  }

  private JsonNode body(Context ctx) {
    return RequestBody.object(ctx, json.mapper(), MAX_BODY);
  }
}
