package dev.aragora.server.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.server.security.AuthService;
import dev.aragora.server.security.Credential;
import dev.aragora.server.security.Permission;
import dev.aragora.server.security.Principal;
import dev.aragora.server.store.ApiKeyRepository.StoredApiKey;
import dev.aragora.server.store.UserRepository.StoredUser;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * …/auth/*: login, refresh, logout and me; admin revocation and users; API keys. Answers that
 * carry tokens or keys are marked {@code Cache-Control: no-store}.
 */
public final class AuthApi {
  private static final long MAX_BODY = 16 * 1024;

  private final Json json;
  private final AuthService auth;

  public AuthApi(Json json, AuthService auth) {
    this.json = requireNonNull(json, "json is null");
    this.auth = requireNonNull(auth, "auth is null");
  }

  /** POST …/auth/login {email, password} → {access_token, refresh_token, token_type, expires_in, refresh_expires_in}. */
  public void login(Context ctx) {
    JsonNode body = body(ctx);
    tokens(ctx, auth.login(text(body, "email", true), text(body, "password", true)));
  }

  /** POST …/auth/refresh {refresh_token} → new tokens; the presented refresh token is used up. */
  public void refresh(Context ctx) {
    tokens(ctx, auth.refresh(text(body(ctx), "refresh_token", true)));
  }

  /** POST …/auth/logout → 204: the presented access token and its session's refresh token stop working. */
  public void logout(Context ctx) {
    auth.logout(credential(ctx));
    ctx.status(204);
  }

  /** GET …/auth/me → who the caller is and what it may do. */
  public void me(Context ctx) {
    Credential credential = credential(ctx);
    Principal p = credential.principal();
    ObjectNode body = json.object();
    body.put("subject", p.subject()).put("email", p.email()).put("role", p.role().wire()).put("tenant_id", p.tenantId())
        .put("tier", p.tier().name().toLowerCase(java.util.Locale.ROOT))
        .put("credential", credential.kind().name().toLowerCase(java.util.Locale.ROOT));
    ArrayNode permissions = body.putArray("permissions");
    for (Permission permission : p.role().permissions().stream().filter(p::can).sorted().toList())
      permissions.add(permission.wire());
    body.put("operator", p.operator());
    json.send(ctx, 200, body);
  }

  /** POST …/auth/revoke {user_id | email} → ends all the user's sessions; {key_id} → revokes that API key. */
  public void revoke(Context ctx) {
    JsonNode body = body(ctx);
    String user = text(body, "user_id", false);
    if (user == null) user = text(body, "email", false);
    String key = text(body, "key_id", false);
    if ((user == null) == (key == null))
      throw ApiError.badRequest("invalid_request", "give either user_id (or email) or key_id");
    ObjectNode answer = json.object();
    if (user != null) {
      answer.put("user", user).put("revoked_sessions", auth.revokeUser(principal(ctx), user));
    } else {
      answer.set("key", key(auth.revokeKey(principal(ctx), key)));
    }
    json.send(ctx, 200, answer);
  }

  /** GET …/auth/users → the tenant's users. */
  public void users(Context ctx) {
    ObjectNode body = json.object();
    ArrayNode users = body.putArray("users");
    for (StoredUser user : auth.listUsers(principal(ctx))) users.add(user(user));
    json.send(ctx, 200, body);
  }

  /** POST …/auth/users {email, password, role (member), premium (false)} → 201 the user, in the caller's tenant. */
  public void createUser(Context ctx) {
    NewUser user = newUser(ctx);
    json.send(ctx, 201, user(auth.createUser(principal(ctx).tenantId(), user.email(), user.password(), user.role(),
        user.premium())));
  }

  /** The fields of a user to create: {email, password, role (member), premium (false)}. */
  public record NewUser(String email, String password, String role, boolean premium) {}

  /** Reads a {@link NewUser} body (400 for a bad one). */
  public NewUser newUser(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode premium = body.get("premium");
    if (premium != null && !premium.isBoolean() && !premium.isNull())
      throw ApiError.badRequest("invalid_request", "premium must be true or false");
    return new NewUser(text(body, "email", true), text(body, "password", true), text(body, "role", false),
        premium != null && premium.asBoolean());
  }

  /** The JSON of a stored user (no hash). */
  public ObjectNode userJson(StoredUser user) {
    return user(user);
  }

  /** GET …/auth/api-keys → the caller's keys (an admin's: every key), prefix and metadata only. */
  public void keys(Context ctx) {
    ObjectNode body = json.object();
    ArrayNode keys = body.putArray("keys");
    List<StoredApiKey> stored = auth.listKeys(principal(ctx));
    for (StoredApiKey key : stored) keys.add(key(key));
    json.send(ctx, 200, body);
  }

  /** POST …/auth/api-keys {name, role?, expires_in_days?} → 201 with the key, shown this once. */
  public void createKey(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode days = body.get("expires_in_days");
    if (days != null && !days.isNull() && !days.canConvertToInt())
      throw ApiError.badRequest("invalid_request", "expires_in_days must be a whole number");
    AuthService.CreatedKey created = auth.createKey(principal(ctx), text(body, "name", false), text(body, "role", false),
        days == null || days.isNull() ? null : days.intValue());
    ObjectNode answer = key(created.stored());
    answer.put("key", created.key());
    answer.put("note", "store the key now: it is not shown again");
    ctx.header("Cache-Control", "no-store");
    json.send(ctx, 201, answer);
  }

  /** DELETE …/auth/api-keys/{id} → 204; the key stops working on every instance at once. */
  public void deleteKey(Context ctx) {
    auth.revokeKey(principal(ctx), ctx.pathParam("id"));
    ctx.status(204);
  }

  private void tokens(Context ctx, AuthService.Tokens tokens) {
    ObjectNode body = json.object();
    body.put("access_token", tokens.accessToken()).put("refresh_token", tokens.refreshToken())
        .put("token_type", "Bearer").put("expires_in", tokens.expiresIn().toSeconds())
        .put("refresh_expires_in", tokens.refreshExpiresIn().toSeconds());
    ctx.header("Cache-Control", "no-store");
    json.send(ctx, 200, body);
  }

  private ObjectNode key(StoredApiKey key) {
    ObjectNode node = json.object();
    node.put("id", key.id()).put("name", key.name()).put("prefix", key.prefix()).put("role", key.role())
        .put("user_id", key.userId()).put("tenant_id", key.tenantId()).put("created_at", iso(key.createdAt()))
        .put("expires_at", iso(key.expiresAt())).put("last_used_at", iso(key.lastUsedAt()))
        .put("revoked_at", iso(key.revokedAt()));
    return node;
  }

  private ObjectNode user(StoredUser user) {
    ObjectNode node = json.object();
    node.put("id", user.id()).put("email", user.email()).put("role", user.role()).put("premium", user.premium())
        .put("tenant_id", user.tenantId()).put("created_at", iso(user.createdAt()));
    return node;
  }

  private static String iso(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
  }

  private static Credential credential(Context ctx) {
    Credential credential = ctx.attribute(Credential.ATTRIBUTE);
    if (credential == null) throw new ApiError(401, "unauthorized", "authentication required");
    return credential;
  }

  private static Principal principal(Context ctx) {
    return credential(ctx).principal();
  }

  private JsonNode body(Context ctx) {
    return RequestBody.object(ctx, json.mapper(), MAX_BODY);
  }

  private static String text(JsonNode body, String field, boolean required) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      if (required) throw ApiError.badRequest("invalid_request", field + " is required");
      return null;
    }
    if (!value.isTextual()) throw ApiError.badRequest("invalid_request", field + " must be a string");
    return Text.withoutNul(field, value.asText());
  }
}
