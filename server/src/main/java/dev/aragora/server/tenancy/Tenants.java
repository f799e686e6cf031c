package dev.aragora.server.tenancy;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.api.ApiError;
import dev.aragora.server.config.TenancyConfig;
import dev.aragora.server.security.AuthService;
import dev.aragora.server.security.Credential;
import dev.aragora.server.security.Principal;
import dev.aragora.server.security.TenantResolver;
import dev.aragora.server.store.TenantRepository;
import dev.aragora.server.store.TenantRepository.StoredTenant;
import dev.aragora.server.store.UserRepository;
import dev.aragora.server.store.UserRepository.StoredUser;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenants (issue 6 item 3): which tenant a caller acts for, and the operators' management of tenants.
 *
 * <p>With ARAGORA_MULTI_TENANT off every caller acts for the default tenant and is an operator, as
 * before tenancy. With it on, a user (access token or API key) acts for its account's tenant, and a
 * tenant header naming another one is refused (403); the shared API token acts for the tenant its
 * header names (an existing one, else 400), or the default tenant without the header, and stays an
 * operator. The default tenant's users are the operators.
 *
 * <p>Every tenant-owned read and write names the tenant: debates (and through them their events,
 * streams, exports and receipts), ratings, the ranking channel ({@code _leaderboard}) and memory
 * ({@link #memoryScope}). Another tenant's ids are answered exactly like unknown ones (404).
 */
public final class Tenants implements TenantResolver {
  private static final Logger LOG = LoggerFactory.getLogger(Tenants.class);

  private final TenancyConfig config;
  private final TenantRepository tenants;
  private final UserRepository users;
  private final AuthService auth;
  private final InstantSource clock;
  /** Tenants seen to exist (they are never deleted). */
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  public Tenants(TenancyConfig config, TenantRepository tenants, UserRepository users, AuthService auth,
                 InstantSource clock) {
    this.config = requireNonNull(config, "config is null");
    this.tenants = requireNonNull(tenants, "tenants is null");
    this.users = requireNonNull(users, "users is null");
    this.auth = requireNonNull(auth, "auth is null");
    this.clock = requireNonNull(clock, "clock is null");
    known.add(config.defaultTenant());
  }

  /** The memory scope of {@code tenant}'s remembered decisions (one per tenant, never shared). */
  public static String memoryScope(String tenant) {
    return "tenant:" + tenant;
  }

  public TenancyConfig config() {
    return config;
  }

  public String defaultTenant() {
    return config.defaultTenant();
  }

  @Override
  public String header() {
    return config.header();
  }

  @Override
  public Principal resolve(Principal principal, Credential.Kind kind, String requested) {
    String header = requested == null || requested.isBlank() ? null : requested.strip();
    if (!config.multiTenant()) return principal.inTenant(config.defaultTenant(), true);
    switch (kind) {
      case API_TOKEN -> {
        if (header == null) return principal.inTenant(config.defaultTenant(), true);
        if (!exists(header))
          throw new ApiError(400, "unknown_tenant", "no tenant '" + header + "' (" + config.header() + ")");
        return principal.inTenant(header, true);
      }
      case METRICS_TOKEN -> {
        return principal.inTenant(config.defaultTenant(), true);
      }
      case ACCESS_TOKEN, API_KEY -> {
        if (header != null && !header.equals(principal.tenantId()))
          throw new ApiError(403, "tenant_mismatch", "this credential belongs to another tenant than " + config.header()
              + " names; only the shared API token may choose its tenant");
        return principal.inTenant(principal.tenantId(), principal.tenantId().equals(config.defaultTenant()));
      }
    }
    throw new IllegalStateException("unknown credential kind " + kind);
  }

  /** Whether {@code id} names a tenant (the default one always exists). */
  public boolean exists(String id) {
    if (id == null || !TenancyConfig.validTenantId(id)) return false;
    if (known.contains(id)) return true;
    boolean found = tenants.find(id).isPresent();
    if (found) known.add(id);
    return found;
  }

  /** Every tenant, the default one first. */
  public List<StoredTenant> list() {
    List<StoredTenant> all = new ArrayList<>();
    all.add(new StoredTenant(config.defaultTenant(), config.defaultTenant(), 0));
    for (StoredTenant tenant : tenants.list()) if (!tenant.id().equals(config.defaultTenant())) all.add(tenant);
    return all;
  }

  /** The tenant {@code id}, if it exists. */
  public Optional<StoredTenant> find(String id) {
    if (id != null && id.equals(config.defaultTenant()))
      return Optional.of(new StoredTenant(id, id, 0));
    return id == null || !TenancyConfig.validTenantId(id) ? Optional.empty() : tenants.find(id);
  }

  /** Creates tenant {@code id}; 400 for a malformed id, 409 when it exists. */
  public StoredTenant create(String id, String name) {
    if (!TenancyConfig.validTenantId(id))
      throw ApiError.badRequest("invalid_tenant", "a tenant id is 1 to 64 lower-case letters, digits, '-' or '_',"
          + " starting with a letter or digit");
    String label = name == null || name.isBlank() ? id : name.strip();
    if (label.length() > 200) throw ApiError.badRequest("invalid_request", "name must be at most 200 characters");
    StoredTenant tenant = new StoredTenant(id, label, clock.millis());
    if (id.equals(config.defaultTenant()) || !tenants.create(tenant))
      throw new ApiError(409, "conflict", "tenant '" + id + "' exists");
    known.add(id);
    LOG.info("tenant {} created", id);
    return tenant;
  }

  /** Creates a user in tenant {@code tenant} (404 when there is no such tenant). */
  public StoredUser createUser(String tenant, String email, String password, String role, boolean premium) {
    requireTenant(tenant);
    return auth.createUser(tenant, email, password, role, premium);
  }

  /**
   * Moves the user {@code userIdOrEmail} (of any tenant) into {@code tenant} with its API keys; its
   * sign-in sessions end, since their tokens name the old tenant.
   */
  public StoredUser moveUser(String tenant, String userIdOrEmail) {
    requireTenant(tenant);
    StoredUser user = users.findById(userIdOrEmail).or(() -> users.findByEmail(userIdOrEmail))
        .orElseThrow(() -> ApiError.notFound("no user '" + userIdOrEmail + "'"));
    if (!user.tenantId().equals(tenant)) {
      users.moveToTenant(user.id(), tenant);
      int ended = auth.endSessions(user.id(), "moved to tenant " + tenant);
      LOG.info("user {} moved from tenant {} to {}; {} sessions ended", user.id(), user.tenantId(), tenant, ended);
    }
    return users.findById(user.id()).orElseThrow();
  }

  private void requireTenant(String tenant) {
    if (!exists(tenant)) throw ApiError.notFound("no tenant '" + tenant + "'");
  }
}
