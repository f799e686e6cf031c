package dev.aragora.server.tenancy;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.debate.AgentUsage;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.server.config.MeteringConfig;
import dev.aragora.server.config.TenancyConfig;
import dev.aragora.server.security.Principal;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.store.UsageRepository;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each tenant's usage and enforces its quotas (issue 6 item 4), per calendar month in UTC.
 * The database ({@link UsageRepository}) is the source of truth, so every instance on it counts
 * into one budget:
 *
 * <ul>
 *   <li><b>debates</b>: charged in the transaction that stores the debate, by a conditional
 *       {@code UPDATE … AND used + 1 <= limit}; a refused debate leaves no row and no charge.
 *   <li><b>tokens</b>: each finished debate's prompt and completion tokens, added when its result is
 *       stored; a tenant at or over the quota may start no new debate (running ones finish).
 *   <li><b>storage</b>: bytes added as rows are written (a debate's task, request and metadata when it
 *       is created; its events, result and receipt when it finishes) plus the tenant's live memory
 *       entries (read from their rows, since memory tiers drop entries); at or over the quota, no new
 *       debate. Ratings rows and the ranking channel's last events are not counted (small, bounded).
 *   <li><b>api_calls</b>: every answered request under /api/ by an authenticated caller, counted in
 *       memory and added to the database every ARAGORA_METERING_FLUSH_INTERVAL seconds (each
 *       instance adds its own count, so flushing everywhere is safe); the check before a request adds
 *       this instance's unflushed count to the last total read from the database. Between flushes,
 *       other instances' counts are not seen yet: a tenant may overshoot by what its requests on the
 *       other instances added since their last flush (with an interval of 0 every check reads the
 *       database, and only requests in flight at once can pass the quota). GET …/usage is counted
 *       but never refused.
 * </ul>
 *
 * With ARAGORA_METERING_ENABLED=false nothing is counted and nothing is refused (the quotas are
 * enforced from the counts). A quota of 0 means no limit.
 */
public final class Metering implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Metering.class);
  /** Request attribute set on a request refused for a quota: it is not counted. */
  public static final String REFUSED = "aragora.quota-refused";

  private record Key(String tenant, String period) {}

  private final MeteringConfig config;
  private final TenancyConfig quotas;
  private final UsageRepository usage;
  private final InstantSource clock;
  private final List<UsageListener> listeners = new CopyOnWriteArrayList<>();
  /** API calls answered here and not yet added to the database. */
  private final Map<Key, Long> pending = new ConcurrentHashMap<>();
  /** The database's API-call total as last read or written here. */
  private final Map<Key, Long> stored = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher;

  public Metering(MeteringConfig config, TenancyConfig quotas, UsageRepository usage, InstantSource clock) {
    this.config = requireNonNull(config, "config is null");
    this.quotas = requireNonNull(quotas, "quotas is null");
    this.usage = requireNonNull(usage, "usage is null");
    this.clock = requireNonNull(clock, "clock is null");
    if (config.enabled() && config.flushInterval().isPositive()) {
      flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("metering-flush").daemon().factory());
      long every = config.flushInterval().toMillis();
      flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    } else {
      flusher = null;
    }
  }

  public boolean enabled() {
    return config.enabled();
  }

  /** Adds a listener told every count (for the metrics backend). */
  public void addListener(UsageListener listener) {
    listeners.add(requireNonNull(listener, "listener is null"));
  }

  /** The current period: the calendar month in UTC, e.g. {@code 2026-03}. */
  public String period() {
    return YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).toString();
  }

  /** When the current period ends (the first instant of next month, UTC). */
  public Instant periodEnd() {
    return YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).plusMonths(1).atDay(1).atStartOfDay()
        .toInstant(ZoneOffset.UTC);
  }

  /** What {@code quota} allows per tenant (0: no limit). */
  public long limit(Quota quota) {
    return switch (quota) {
      case API_CALLS -> quotas.apiCalls();
      case TOKENS -> quotas.tokens();
      case STORAGE -> quotas.storageBytes();
      case DEBATES -> quotas.debates();
    };
  }

  // --- API calls

  /** Before-handler: refuses (429) a metered request whose tenant has used its API calls this month. */
  public void checkApiCall(Context ctx) {
    Principal principal = metered(ctx);
    if (principal != null && !isUsageRoute(ctx)) checkApiCall(principal.tenantId());
  }

  /**
   * Refuses (429) when {@code tenant} has used its API calls this month, its unflushed ones here
   * included; with a flush interval of 0 the total is read from the database at every check, so all
   * instances refuse as soon as the budget is used (requests in flight at that moment still pass).
   */
  void checkApiCall(String tenant) {
    if (!config.enabled()) return;
    long limit = quotas.apiCalls();
    if (limit <= 0) return;
    Key key = new Key(tenant, period());
    long used = storedApiCalls(key) + pendingOf(key);
    if (used >= limit) throw exceeded(tenant, Quota.API_CALLS, limit, used);
  }

  /** After-handler: counts a metered request (not one refused for a quota). */
  public void countApiCall(Context ctx) {
    Principal principal = metered(ctx);
    if (principal != null && ctx.attribute(REFUSED) == null) countApiCall(principal.tenantId());
  }

  /** Counts one API call of {@code tenant}: in memory until the next flush (at once with a flush interval of 0). */
  void countApiCall(String tenant) {
    if (!config.enabled()) return;
    Key key = new Key(tenant, period());
    pending.merge(key, 1L, Long::sum);
    for (UsageListener listener : listeners) notify(() -> listener.apiCall(key.tenant()));
    if (flusher == null) flush(key);
  }

  /** The caller of a request that counts as an API call, or null. */
  private Principal metered(Context ctx) {
    if (!config.enabled() || !ctx.path().startsWith("/api/")) return null;
    Principal principal = ctx.attribute(Principal.ATTRIBUTE);
    return principal == null || principal.isAnonymous() ? null : principal;
  }

  private static boolean isUsageRoute(Context ctx) {
    return ctx.path().endsWith("/usage");
  }

  private long pendingOf(Key key) {
    return pending.getOrDefault(key, 0L);
  }

  /** The database's total: as last seen here, or read now (always, with a flush interval of 0). */
  private long storedApiCalls(Key key) {
    Long known = flusher == null ? null : stored.get(key);
    if (known != null) return known;
    try {
      long read = usage.used(key.tenant(), key.period(), Quota.API_CALLS.wire());
      stored.merge(key, read, Math::max);
      return read;
    } catch (RuntimeException e) {
      // The check fails open: a database that cannot be read fails the request where it needs the database.
      LOG.debug("cannot read the API-call usage of {}: {}", key.tenant(), e.toString());
      return 0;
    }
  }

  /**
   * Adds every unflushed API-call count to the database and reads back the totals (which include
   * other instances' flushes). A count that fails to reach the database is kept for the next flush.
   */
  public void flush() {
    String current = period();
    for (Key key : List.copyOf(pending.keySet())) flush(key);
    List<String> idle = stored.keySet().stream().filter(k -> k.period().equals(current) && pendingOf(k) == 0)
        .map(Key::tenant).toList();
    if (!idle.isEmpty()) {
      Map<String, Long> totals = usage.used(idle, current, Quota.API_CALLS.wire());
      totals.forEach((tenant, total) -> stored.put(new Key(tenant, current), total));
    }
    // Past months are over: forget their totals once nothing of them is left to flush.
    stored.keySet().removeIf(k -> !k.period().equals(current) && !pending.containsKey(k));
  }

  private void flush(Key key) {
    // Taken out whole: counts that arrive meanwhile start a new entry, for the next flush.
    Long n = pending.remove(key);
    if (n == null || n == 0) return;
    try {
      long total = usage.add(key.tenant(), key.period(), Quota.API_CALLS.wire(), n, clock.millis());
      stored.put(key, total);
      billed(key.tenant(), Quota.API_CALLS, n, total);
    } catch (RuntimeException e) {
      pending.merge(key, n, Long::sum);
      throw e;
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("metering flush failed; the counts are kept for the next one: {}", e.toString());
    }
  }

  // --- debates

  /**
   * Before a debate of {@code tenant} is admitted: refuses (402) when the tenant is at or over its
   * tokens, storage or debates quota. The debates quota is checked again, exactly, when the debate is
   * stored ({@link #debateCharge}).
   */
  public void checkDebate(String tenant) {
    if (!config.enabled()) return;
    String period = period();
    check(tenant, Quota.DEBATES, usage.used(tenant, period, Quota.DEBATES.wire()));
    check(tenant, Quota.TOKENS, usage.used(tenant, period, Quota.TOKENS.wire()));
    if (quotas.storageBytes() > 0) check(tenant, Quota.STORAGE, storageUsed(tenant));
  }

  private void check(String tenant, Quota quota, long used) {
    long limit = limit(quota);
    if (limit > 0 && used >= limit) throw exceeded(tenant, quota, limit, used);
  }

  /**
   * What storing a new debate charges its tenant, in the insert's transaction: one debate (refused
   * with 402 when it would pass the quota, and then nothing is written) and the bytes of its row.
   */
  public DebateRepository.UsageCharge debateCharge() {
    if (!config.enabled()) return DebateRepository.UsageCharge.NONE;
    return (connection, tenant, bytes) -> {
      long now = clock.millis();
      long limit = quotas.debates();
      String period = period();
      OptionalLong debates = UsageRepository.charge(connection, tenant, period, Quota.DEBATES.wire(), 1, limit, now);
      if (debates.isEmpty())
        throw exceeded(tenant, Quota.DEBATES, limit, UsageRepository.used(connection, tenant, period, Quota.DEBATES.wire()));
      UsageRepository.charge(connection, tenant, UsageRepository.NO_PERIOD, Quota.STORAGE.wire(), bytes, 0, now);
      // Told before the commit; a commit that then fails is a rare overcount in the metrics, never in the database.
      billed(tenant, Quota.DEBATES, 1, debates.getAsLong());
      billed(tenant, Quota.STORAGE, bytes, -1);
    };
  }

  /** After a debate's result is stored: adds its tokens and the bytes its events, result and receipt hold. */
  public void debateFinished(String tenant, String id, DebateResult result) {
    if (!config.enabled()) return;
    long tokens = 0;
    for (AgentUsage agent : result.usage().values()) tokens += agent.tokensIn() + agent.tokensOut();
    long now = clock.millis();
    if (tokens > 0) {
      long total = usage.add(tenant, period(), Quota.TOKENS.wire(), tokens, now);
      billed(tenant, Quota.TOKENS, tokens, total);
    }
    long bytes = usage.finishedDebateBytes(id);
    if (bytes > 0) {
      usage.add(tenant, UsageRepository.NO_PERIOD, Quota.STORAGE.wire(), bytes, now);
      billed(tenant, Quota.STORAGE, bytes, listeners.isEmpty() ? -1 : storageUsed(tenant));
    }
  }

  /** The tenant's stored bytes: rows counted as written, plus its live memory. */
  private long storageUsed(String tenant) {
    return usage.used(tenant, UsageRepository.NO_PERIOD, Quota.STORAGE.wire()) + usage.memoryBytes(Tenants.memoryScope(tenant));
  }

  // --- reporting

  /** One quota's standing: {@code limit} 0 means no limit (and ratio 0). */
  public record Line(long used, long limit) {
    public double ratio() {
      return limit <= 0 ? 0 : (double) used / limit;
    }
  }

  /** Where {@code tenant} stands this period. */
  public record Usage(String tenant, String period, Instant resetsAt, boolean enabled, Map<Quota, Line> quotas) {}

  /** {@code tenant}'s usage this period; API calls include this instance's unflushed count. */
  public Usage usage(String tenant) {
    String period = period();
    Key key = new Key(tenant, period);
    Map<Quota, Line> lines = new EnumMap<>(Quota.class);
    lines.put(Quota.API_CALLS, new Line(usage.used(tenant, period, Quota.API_CALLS.wire()) + pendingOf(key),
        limit(Quota.API_CALLS)));
    lines.put(Quota.TOKENS, new Line(usage.used(tenant, period, Quota.TOKENS.wire()), limit(Quota.TOKENS)));
    lines.put(Quota.STORAGE, new Line(storageUsed(tenant), limit(Quota.STORAGE)));
    lines.put(Quota.DEBATES, new Line(usage.used(tenant, period, Quota.DEBATES.wire()), limit(Quota.DEBATES)));
    return new Usage(tenant, period, periodEnd(), config.enabled(), lines);
  }

  private QuotaExceededException exceeded(String tenant, Quota quota, long limit, long used) {
    long retry = quota.monthly() ? Math.max(1, Duration.between(clock.instant(), periodEnd()).toSeconds()) : 0;
    return new QuotaExceededException(tenant, quota, limit, used, retry);
  }

  /** @param total the quota's new total, or -1 when not read (storage) */
  private void billed(String tenant, Quota quota, long amount, long total) {
    for (UsageListener listener : listeners) {
      notify(() -> listener.billed(tenant, quota, amount));
      if (total >= 0) notify(() -> listener.usage(tenant, quota, total, limit(quota)));
    }
  }

  private static void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.debug("a usage listener failed: {}", e.toString());
    }
  }

  /** Stops the flushing and flushes what is left. */
  @Override
  public void close() {
    if (flusher != null) flusher.shutdownNow();
    if (config.enabled()) flushQuietly();
  }
}
