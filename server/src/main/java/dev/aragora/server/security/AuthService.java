package dev.aragora.server.security;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.api.ApiError;
import dev.aragora.server.config.AuthConfig;
import dev.aragora.server.ratelimit.Tier;
import dev.aragora.server.shared.SharedState;
import dev.aragora.server.store.ApiKeyRepository;
import dev.aragora.server.store.ApiKeyRepository.StoredApiKey;
import dev.aragora.server.store.AuthSessions;
import dev.aragora.server.store.UserRepository;
import dev.aragora.server.store.UserRepository.StoredUser;
import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in, tokens, API keys and revocation.
 *
 * <p>Revocation holds on every instance: a revoked session or access token is put in the
 * {@link SharedState} revocation set (Redis when configured, so every instance sees it at once) for
 * as long as an access token can live, and sessions and API keys are revoked in the database, which
 * survives restarts. At start the sessions revoked within one access-token lifetime are put in the
 * set again; without a connected Redis, instances on a shared PostgreSQL also ask the database
 * about a session (the answer kept {@value #SESSION_CHECK_SECONDS} s).
 */
public final class AuthService {
  private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
  public static final String KEY_PREFIX = "ara_";
  static final String REFRESH_PREFIX = "rt_";
  static final int SESSION_CHECK_SECONDS = 5;
  /** Characters of a key kept for display: "ara_" and 8 of the random part. */
  static final int DISPLAY_PREFIX = KEY_PREFIX.length() + 8;

  /** What login and refresh answer. */
  public record Tokens(String accessToken, String refreshToken, Duration expiresIn, Duration refreshExpiresIn) {
    @Override
    public String toString() {
      return "Tokens[expiresIn=" + expiresIn + "]";
    }
  }

  /** A new API key: the key itself (shown once) and what is stored. */
  public record CreatedKey(String key, StoredApiKey stored) {
    @Override
    public String toString() {
      return "CreatedKey[" + stored.id() + ", " + stored.prefix() + "]";
    }
  }

  private record Checked(boolean revoked, long atNanos) {}

  private final AuthConfig config;
  private final UserRepository users;
  private final ApiKeyRepository keys;
  private final AuthSessions sessions;
  private final AccessTokens tokens;
  private final PasswordHasher passwords;
  private final SharedState shared;
  private final InstantSource clock;
  private final boolean askDatabase;
  private final Map<String, Checked> sessionChecks = new ConcurrentHashMap<>();

  /**
   * @param sharedDatabase the database may be shared by other instances (PostgreSQL): without a
   *     connected Redis, session revocations are then also read from it
   */
  public AuthService(AuthConfig config, UserRepository users, ApiKeyRepository keys, AuthSessions sessions,
                     AccessTokens tokens, PasswordHasher passwords, SharedState shared, InstantSource clock,
                     boolean sharedDatabase) {
    this.config = requireNonNull(config, "config is null");
    this.users = requireNonNull(users, "users is null");
    this.keys = requireNonNull(keys, "keys is null");
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.tokens = requireNonNull(tokens, "tokens is null");
    this.passwords = requireNonNull(passwords, "passwords is null");
    this.shared = requireNonNull(shared, "shared is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.askDatabase = sharedDatabase;
  }

  public AuthConfig config() {
    return config;
  }

  /**
   * On a database with no user yet, creates the admin ARAGORA_ADMIN_EMAIL with ARAGORA_ADMIN_PASSWORD,
   * or with a random password printed once to {@code notices} (never logged). Then puts the sessions
   * revoked within the last access-token lifetime back in the revocation set, and drops expired
   * refresh tokens.
   */
  public void start(PrintStream notices) {
    if (users.count() == 0) {
      String password = config.adminPassword().orElseGet(() -> Secrets.random(18));
      StoredUser admin = new StoredUser(Secrets.id("usr_"), config.defaultTenant(), config.adminEmail(),
          passwords.hash(password), Role.ADMIN.wire(), false, clock.millis());
      // Several instances starting at once on one database: only the one whose insert lands prints.
      if (users.create(admin)) {
        LOG.info("created the admin account {}", admin.email());
        if (config.adminPassword().isEmpty()) {
          notices.println("aragora: created the admin account " + admin.email() + " with the password " + password);
          notices.println("aragora: it is shown only this once. Sign in on the home page or with POST /api/v2/auth/login;"
              + " set ARAGORA_ADMIN_PASSWORD before the first start to choose it.");
          notices.flush();
        }
      }
    }
    long now = clock.millis();
    for (AuthSessions.Revoked revoked : sessions.revokedSince(now - tokens.ttl().toMillis())) {
      Duration left = Duration.ofMillis(revoked.revokedAt() + tokens.ttl().toMillis() - now);
      if (left.isPositive()) shared.revoke(sessionKey(revoked.sessionId()), left);
    }
    int purged = sessions.purgeExpired(now);
    if (purged > 0) LOG.debug("dropped {} expired refresh tokens", purged);
  }

  /** Email and password → tokens; a wrong email or password is one generic 401 and takes the same time. */
  public Tokens login(String email, String password) {
    Optional<StoredUser> user = users.findByEmail(email == null ? "" : email);
    boolean ok;
    if (user.isPresent()) {
      ok = passwords.verify(password, user.get().passwordHash());
    } else {
      passwords.verifyDummy(password);
      ok = false;
    }
    if (!ok) throw unauthorized("invalid_credentials", "the email or password is wrong");
    StoredUser u = user.get();
    String sessionId = Secrets.id("ses_") + Secrets.id("");
    String refresh = REFRESH_PREFIX + Secrets.random(32);
    long now = clock.millis();
    sessions.open(sessionId, u.id(), Secrets.sha256(refresh), now, now + config.refreshTtl().toMillis());
    return tokensFor(u, sessionId, refresh);
  }

  /** A refresh token → new tokens, the presented one used up; a used one revokes its session. */
  public Tokens refresh(String refreshToken) {
    if (refreshToken == null || !refreshToken.startsWith(REFRESH_PREFIX))
      throw unauthorized("invalid_token", "the refresh token is invalid or expired");
    String next = REFRESH_PREFIX + Secrets.random(32);
    long now = clock.millis();
    AuthSessions.Exchange exchange = sessions.exchange(Secrets.sha256(refreshToken), Secrets.sha256(next), now,
        now + config.refreshTtl().toMillis());
    return switch (exchange) {
      case AuthSessions.Exchange.Rotated rotated -> {
        Optional<StoredUser> user = users.findById(rotated.userId());
        if (user.isEmpty()) throw unauthorized("invalid_token", "the refresh token is invalid or expired");
        yield tokensFor(user.get(), rotated.sessionId(), next);
      }
      case AuthSessions.Exchange.Reused reused -> {
        LOG.warn("a used refresh token was presented again: session {} revoked", reused.sessionId());
        shared.revoke(sessionKey(reused.sessionId()), tokens.ttl());
        throw unauthorized("invalid_token", "the refresh token was already used; the session is revoked, sign in again");
      }
      case AuthSessions.Exchange.Refused refused ->
          throw unauthorized("invalid_token", "the refresh token is invalid or expired");
    };
  }

  /** Ends the session of the presented access token: the token itself and its refresh token stop working. */
  public void logout(Credential credential) {
    if (credential.kind() != Credential.Kind.ACCESS_TOKEN)
      throw ApiError.badRequest("not_a_session", "only a signed-in session (an access token) can log out;"
          + " revoke an API key with DELETE /api/v2/auth/api-keys/{id}");
    Duration left = Duration.between(clock.instant(), credential.expiresAt());
    if (left.isPositive()) shared.revoke(tokenKey(credential.tokenId()), left);
    revokeSession(credential.sessionId(), "logout");
  }

  /** Revokes every session of the user {@code userIdOrEmail} of {@code caller}'s tenant; returns how many were open. */
  public int revokeUser(Principal caller, String userIdOrEmail) {
    StoredUser user = users.findById(userIdOrEmail).or(() -> users.findByEmail(userIdOrEmail))
        .filter(u -> u.tenantId().equals(caller.tenantId()))
        .orElseThrow(() -> ApiError.notFound("no user '" + userIdOrEmail + "'"));
    return endSessions(user.id(), "revoked by an admin");
  }

  /** Ends every open session of user {@code userId} on every instance; returns how many were open. */
  public int endSessions(String userId, String reason) {
    List<String> revoked = sessions.revokeUser(userId, reason, clock.millis());
    for (String id : revoked) shared.revoke(sessionKey(id), tokens.ttl());
    return revoked.size();
  }

  /**
   * Revokes API key {@code id}; {@code caller} may revoke its own keys, and with users:manage anyone's.
   * Unknown keys and other people's keys are both 404, so ids cannot be probed.
   */
  public StoredApiKey revokeKey(Principal caller, String id) {
    StoredApiKey key = keys.find(id).filter(k -> k.tenantId().equals(caller.tenantId()))
        .filter(k -> k.userId().equals(caller.subject()) || caller.can(Permission.USERS_MANAGE))
        .orElseThrow(() -> ApiError.notFound("no API key '" + id + "'"));
    keys.revoke(key.id(), clock.millis());
    return keys.find(id).orElseThrow();
  }

  /**
   * A new API key for {@code caller} (a user), at most {@code caller}'s role.
   *
   * @param role the key's role, or null for the caller's
   * @param expiresInDays days until it expires, or null for never
   */
  public CreatedKey createKey(Principal caller, String name, String role, Integer expiresInDays) {
    StoredUser owner = users.findById(caller.subject()).orElseThrow(() -> new ApiError(403, "not_a_user",
        "API keys belong to users: sign in as a user (the shared API token is not one)"));
    Role ownerRole = Role.fromWire(owner.role());
    Role keyRole;
    try {
      keyRole = role == null ? ownerRole : Role.fromWire(role);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid_role", e.getMessage());
    }
    if (keyRole.compareTo(ownerRole) > 0)
      throw new ApiError(403, "forbidden", "a key cannot have more rights than its owner (" + ownerRole.wire() + ")");
    String label = name == null || name.isBlank() ? "api key" : name.strip();
    if (label.length() > 100) throw ApiError.badRequest("invalid_request", "name must be at most 100 characters");
    if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 3650))
      throw ApiError.badRequest("invalid_request", "expires_in_days must be from 1 to 3650");
    String key = KEY_PREFIX + Secrets.random(32);
    long now = clock.millis();
    StoredApiKey stored = new StoredApiKey(Secrets.id("key_"), owner.tenantId(), owner.id(), label,
        key.substring(0, DISPLAY_PREFIX), Secrets.sha256(key), keyRole.wire(), now,
        expiresInDays == null ? null : now + Duration.ofDays(expiresInDays).toMillis(), null, null);
    keys.create(stored);
    LOG.info("API key {} ({}) created for {}", stored.id(), stored.prefix(), owner.email());
    return new CreatedKey(key, stored);
  }

  /** The caller's keys, or with users:manage every key of the tenant. */
  public List<StoredApiKey> listKeys(Principal caller) {
    return keys.list(caller.tenantId(), caller.can(Permission.USERS_MANAGE) ? null : caller.subject());
  }

  /** A new account in {@code tenant} (the caller's own, or one an operator names). */
  public StoredUser createUser(String tenant, String email, String password, String role, boolean premium) {
    if (email == null || !email.contains("@") || email.strip().length() > 254)
      throw ApiError.badRequest("invalid_request", "email must be an email address");
    if (password == null || password.length() < AuthConfig.MIN_PASSWORD_CHARS)
      throw ApiError.badRequest("invalid_request", "password must be at least " + AuthConfig.MIN_PASSWORD_CHARS + " characters");
    Role r;
    try {
      r = role == null ? Role.MEMBER : Role.fromWire(role);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid_role", e.getMessage());
    }
    StoredUser user = new StoredUser(Secrets.id("usr_"), tenant, email.strip().toLowerCase(Locale.ROOT),
        passwords.hash(password), r.wire(), premium, clock.millis());
    if (!users.create(user)) throw new ApiError(409, "conflict", "a user with that email exists");
    return user;
  }

  public List<StoredUser> listUsers(Principal caller) {
    return users.list(caller.tenantId());
  }

  /**
   * The credential a bearer value stands for, if valid now: the shared API token, the metrics token,
   * an API key ({@value #KEY_PREFIX}…) or an access token.
   */
  public Optional<Credential> authenticate(String bearer) {
    if (bearer == null || bearer.isEmpty()) return Optional.empty();
    if (config.apiToken().isPresent() && Secrets.constantTimeEquals(bearer, config.apiToken().get()))
      return Optional.of(new Credential(new Principal("internal", "", Role.ADMIN, config.defaultTenant(), Tier.INTERNAL),
          Credential.Kind.API_TOKEN, "", "", null));
    if (config.metricsToken().isPresent() && Secrets.constantTimeEquals(bearer, config.metricsToken().get()))
      return Optional.of(new Credential(new Principal("metrics", "", Role.VIEWER, config.defaultTenant(), Tier.INTERNAL),
          Credential.Kind.METRICS_TOKEN, "", "", null));
    if (bearer.startsWith(KEY_PREFIX)) return apiKey(bearer);
    return accessToken(bearer);
  }

  private Optional<Credential> apiKey(String key) {
    Optional<ApiKeyRepository.KeyOwner> found = keys.findByHash(Secrets.sha256(key));
    if (found.isEmpty()) return Optional.empty();
    StoredApiKey stored = found.get().key();
    long now = clock.millis();
    if (stored.revokedAt() != null || (stored.expiresAt() != null && stored.expiresAt() <= now)) return Optional.empty();
    StoredUser owner = found.get().user();
    Role role = Role.fromWire(stored.role()).atMost(Role.fromWire(owner.role()));
    keys.touch(stored, now);
    return Optional.of(new Credential(new Principal(owner.id(), owner.email(), role, stored.tenantId(),
        tier(role, owner.premium())), Credential.Kind.API_KEY, stored.id(), "", null));
  }

  private Optional<Credential> accessToken(String token) {
    Optional<AccessTokens.Claims> verified = tokens.verify(token);
    if (verified.isEmpty()) return Optional.empty();
    AccessTokens.Claims c = verified.get();
    if (shared.isRevoked(tokenKey(c.tokenId())) || sessionRevoked(c.sessionId())) return Optional.empty();
    return Optional.of(new Credential(new Principal(c.subject(), c.email(), c.role(), c.tenantId(),
        tier(c.role(), c.premium())), Credential.Kind.ACCESS_TOKEN, c.tokenId(), c.sessionId(), c.expiresAt()));
  }

  private boolean sessionRevoked(String sessionId) {
    if (shared.isRevoked(sessionKey(sessionId))) return true;
    if (!askDatabase || shared.status() == dev.aragora.server.redis.RedisStatus.CONNECTED) return false;
    long now = System.nanoTime();
    Checked last = sessionChecks.get(sessionId);
    if (last != null && now - last.atNanos() < Duration.ofSeconds(SESSION_CHECK_SECONDS).toNanos()) return last.revoked();
    if (sessionChecks.size() > 10_000)
      sessionChecks.values().removeIf(c -> now - c.atNanos() >= Duration.ofSeconds(SESSION_CHECK_SECONDS).toNanos());
    boolean revoked = sessions.isRevoked(sessionId);
    sessionChecks.put(sessionId, new Checked(revoked, now));
    return revoked;
  }

  private void revokeSession(String sessionId, String reason) {
    sessions.revoke(sessionId, reason, clock.millis());
    shared.revoke(sessionKey(sessionId), tokens.ttl());
    sessionChecks.remove(sessionId);
  }

  private Tokens tokensFor(StoredUser user, String sessionId, String refresh) {
    AccessTokens.Issued access = tokens.issue(user.id(), user.email(), Role.fromWire(user.role()), user.tenantId(),
        user.premium(), sessionId);
    return new Tokens(access.token(), refresh, tokens.ttl(), config.refreshTtl());
  }

  /** Premium: the account's flag, or an admin. */
  static Tier tier(Role role, boolean premium) {
    return premium || role == Role.ADMIN ? Tier.PREMIUM : Tier.AUTHENTICATED;
  }

  static String tokenKey(String jti) {
    return "jti:" + jti;
  }

  static String sessionKey(String sessionId) {
    return "sid:" + sessionId;
  }

  private static ApiError unauthorized(String code, String message) {
    return new ApiError(401, code, message);
  }
}
