package dev.aragora.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.debate.AgentUsage;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.server.config.MeteringConfig;
import dev.aragora.server.config.TenancyConfig;
import dev.aragora.server.store.Database;
import dev.aragora.server.store.DatabaseSettings;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.store.UsageRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Metering over a real database with a clock the test moves: quotas per calendar month (UTC), the
 * API-call counts flushed from memory, and two meters (two instances) counting into one budget.
 */
abstract class MeteringContract {
  static final ObjectMapper JSON = new ObjectMapper();
  static final DebateRequest REQUEST = DebateRequest.of("Metered?",
      List.of(AgentSpec.parse("demo:a"), AgentSpec.parse("demo:b"))).withRounds(1);

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-31T23:59:00Z"));
  final InstantSource clock = () -> now.get();
  final List<Metering> meters = new ArrayList<>();
  Database database;
  DebateRepository debates;

  abstract DatabaseSettings settings();

  abstract void dropDatabase();

  @BeforeEach
  void open() {
    database = Database.open(settings());
    debates = new DebateRepository(database, JSON, clock);
  }

  @AfterEach
  void close() {
    meters.forEach(Metering::close);
    database.close();
    dropDatabase();
  }

  Metering meter(long apiCalls, long tokens, long storageBytes, long debateLimit, int flushSeconds, boolean enabled) {
    Metering metering = new Metering(new MeteringConfig(enabled, Duration.ofSeconds(flushSeconds),
        MeteringConfig.Backend.PROMETHEUS, "localhost", 8125, "aragora"),
        new TenancyConfig(true, "default", "X-Tenant-ID", apiCalls, tokens, storageBytes, debateLimit),
        new UsageRepository(database), clock);
    meters.add(metering);
    return metering;
  }

  DebateResult finished(String id, long tokensIn, long tokensOut) {
    return new DebateResult(id, "Metered?", "Yes.", 0.9, true, "strong", DebateStatus.CONSENSUS_REACHED, "majority", 1,
        "a", List.of("a", "b"), Map.of(), Map.of(), List.of(), List.of(), List.of(), "converged", 0.9, Map.of(), 1.0,
        Map.of("a", new AgentUsage(1, tokensIn, tokensOut, 0), "b", new AgentUsage(1, tokensIn, tokensOut, 0)), 0.0,
        List.of(), true, "");
  }

  @Test
  void debatesAreChargedUpToTheQuotaAndAgainFromTheFirstOfNextMonth() {
    Metering metering = meter(0, 0, 0, 2, 60, true);
    debates.create("alpha", "d-1", REQUEST, Map.of(), metering.debateCharge());
    debates.create("alpha", "d-2", REQUEST, Map.of(), metering.debateCharge());

    assertThatThrownBy(() -> debates.create("alpha", "d-3", REQUEST, Map.of(), metering.debateCharge()))
        .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
          assertThat(e.quota()).isEqualTo(Quota.DEBATES);
          assertThat(e.status()).isEqualTo(402);
          assertThat(e.used()).isEqualTo(2);
          assertThat(e.limit()).isEqualTo(2);
          assertThat(e.retryAfterSeconds()).isEqualTo(60);
          assertThat(e.getMessage()).contains("debates");
        });
    assertThat(debates.find("d-3")).as("nothing written").isEmpty();
    assertThatThrownBy(() -> metering.checkDebate("alpha")).isInstanceOf(QuotaExceededException.class);
    metering.checkDebate("beta");
    assertThat(metering.usage("alpha").quotas().get(Quota.DEBATES)).isEqualTo(new Metering.Line(2, 2));
    assertThat(metering.usage("alpha").period()).isEqualTo("2026-01");

    now.set(Instant.parse("2026-02-01T00:00:00Z"));
    assertThat(metering.usage("alpha").period()).isEqualTo("2026-02");
    assertThat(metering.usage("alpha").resetsAt()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(metering.usage("alpha").quotas().get(Quota.DEBATES).used()).isZero();
    metering.checkDebate("alpha");
    debates.create("alpha", "d-3", REQUEST, Map.of(), metering.debateCharge());
    assertThat(metering.usage("alpha").quotas().get(Quota.DEBATES).used()).isEqualTo(1);
    assertThat(new UsageRepository(database).used("alpha", "2026-01", "debates")).as("January kept").isEqualTo(2);
  }

  @Test
  void apiCallsAreRefusedFromTheUnflushedCountAndReachTheDatabaseAtTheFlush() {
    Metering metering = meter(5, 0, 0, 0, 60, true);
    UsageRepository usage = new UsageRepository(database);
    for (int i = 0; i < 5; i++) {
      metering.checkApiCall("alpha");
      metering.countApiCall("alpha");
    }
    assertThat(usage.used("alpha", "2026-01", "api_calls")).as("not flushed yet").isZero();
    assertThat(metering.usage("alpha").quotas().get(Quota.API_CALLS).used()).isEqualTo(5);
    assertThatThrownBy(() -> metering.checkApiCall("alpha"))
        .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.quota()).isEqualTo(Quota.API_CALLS);
          assertThat(e.used()).isEqualTo(5);
        });
    metering.checkApiCall("beta");

    metering.flush();
    assertThat(usage.used("alpha", "2026-01", "api_calls")).isEqualTo(5);
    assertThatThrownBy(() -> metering.checkApiCall("alpha")).isInstanceOf(QuotaExceededException.class);
    metering.flush();
    assertThat(usage.used("alpha", "2026-01", "api_calls")).as("flushed once").isEqualTo(5);
  }

  @Test
  void twoInstancesCountIntoOneBudget() {
    Metering a = meter(10, 0, 0, 0, 60, true);
    Metering b = meter(10, 0, 0, 0, 60, true);
    for (int i = 0; i < 4; i++) a.countApiCall("alpha");
    for (int i = 0; i < 5; i++) b.countApiCall("alpha");
    a.flush();
    b.flush();
    assertThat(new UsageRepository(database).used("alpha", "2026-01", "api_calls")).isEqualTo(9);

    a.checkApiCall("alpha");
    a.flush(); // reads back what the other instance flushed
    a.countApiCall("alpha");
    assertThatThrownBy(() -> a.checkApiCall("alpha")).as("4 + 5 + 1 = 10").isInstanceOf(QuotaExceededException.class);
    // The other instance sees that call once it is flushed, not before (the documented overshoot).
    b.flush();
    b.checkApiCall("alpha");
    a.flush();
    b.flush();
    assertThatThrownBy(() -> b.checkApiCall("alpha")).isInstanceOf(QuotaExceededException.class);
  }

  @Test
  void aCountMadeInOneMonthIsFlushedIntoThatMonth() {
    Metering metering = meter(3, 0, 0, 0, 60, true);
    for (int i = 0; i < 3; i++) metering.countApiCall("alpha");
    assertThatThrownBy(() -> metering.checkApiCall("alpha")).isInstanceOf(QuotaExceededException.class);

    now.set(Instant.parse("2026-02-01T00:00:30Z"));
    metering.checkApiCall("alpha");
    metering.countApiCall("alpha");
    metering.flush();

    UsageRepository usage = new UsageRepository(database);
    assertThat(usage.used("alpha", "2026-01", "api_calls")).isEqualTo(3);
    assertThat(usage.used("alpha", "2026-02", "api_calls")).isEqualTo(1);
  }

  @Test
  void withAFlushIntervalOfZeroEveryCallIsWrittenAtOnce() {
    Metering metering = meter(0, 0, 0, 0, 0, true);
    metering.countApiCall("alpha");
    metering.countApiCall("alpha");
    assertThat(new UsageRepository(database).used("alpha", "2026-01", "api_calls")).isEqualTo(2);
  }

  @Test
  void usedUpTokensOrStorageStopNewDebatesAndFinishedDebatesAreCharged() {
    Metering metering = meter(0, 100, 1_000_000, 0, 60, true);
    List<String> seen = new ArrayList<>();
    metering.addListener(new UsageListener() {
      @Override
      public void billed(String tenant, Quota quota, long amount) {
        seen.add(tenant + " " + quota.wire() + " +" + amount);
      }
    });
    debates.create("alpha", "d-1", REQUEST, Map.of(), metering.debateCharge());
    long created = metering.usage("alpha").quotas().get(Quota.STORAGE).used();
    assertThat(created).isPositive();
    debates.saveResult("d-1", finished("d-1", 30, 25));
    metering.debateFinished("alpha", "d-1", finished("d-1", 30, 25));

    Metering.Usage usage = metering.usage("alpha");
    assertThat(usage.quotas().get(Quota.TOKENS)).isEqualTo(new Metering.Line(110, 100));
    assertThat(usage.quotas().get(Quota.TOKENS).ratio()).isEqualTo(1.1);
    assertThat(usage.quotas().get(Quota.STORAGE).used()).isGreaterThan(created);
    assertThat(seen).startsWith("alpha debates +1", "alpha storage +" + created).contains("alpha tokens +110");
    assertThatThrownBy(() -> metering.checkDebate("alpha"))
        .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.quota()).isEqualTo(Quota.TOKENS));

    Metering tight = meter(0, 0, created, 0, 60, true);
    assertThatThrownBy(() -> tight.checkDebate("alpha"))
        .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
          assertThat(e.quota()).isEqualTo(Quota.STORAGE);
          assertThat(e.retryAfterSeconds()).as("storage does not reset").isZero();
        });
  }

  @Test
  void disabledMeteringCountsNothingAndRefusesNothing() {
    Metering metering = meter(1, 1, 1, 1, 60, false);
    for (int i = 0; i < 3; i++) {
      metering.checkApiCall("alpha");
      metering.countApiCall("alpha");
      metering.checkDebate("alpha");
      debates.create("alpha", "d-" + i, REQUEST, Map.of(), metering.debateCharge());
      metering.debateFinished("alpha", "d-" + i, finished("d-" + i, 10, 10));
    }
    metering.flush();
    Metering.Usage usage = metering.usage("alpha");
    assertThat(usage.enabled()).isFalse();
    assertThat(usage.quotas().values()).allSatisfy(line -> assertThat(line.used()).isZero());
    assertThat(debates.list("alpha", null, 10, 0).total()).isEqualTo(3);
  }
}
