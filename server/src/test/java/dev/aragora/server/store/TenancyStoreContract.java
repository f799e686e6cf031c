package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.memory.MemoryEntry;
import dev.aragora.core.memory.MemoryKind;
import dev.aragora.server.store.ApiKeyRepository.StoredApiKey;
import dev.aragora.server.store.TenantRepository.StoredTenant;
import dev.aragora.server.store.UserRepository.StoredUser;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tenants, moving users between them, and usage counting, the same on SQLite and PostgreSQL. */
abstract class TenancyStoreContract extends StoreTestBase {
  TenantRepository tenants;
  UsageRepository usage;

  @BeforeEach
  void repositories() {
    tenants = new TenantRepository(database);
    usage = new UsageRepository(database);
  }

  @Test
  void tenantsAreCreatedOnceAndListedOldestFirst() {
    assertThat(tenants.create(new StoredTenant("beta", "Beta Inc", 2000))).isTrue();
    assertThat(tenants.create(new StoredTenant("alpha", "Alpha", 1000))).isTrue();
    assertThat(tenants.create(new StoredTenant("alpha", "Again", 3000))).isFalse();
    assertThat(tenants.find("alpha").orElseThrow().name()).isEqualTo("Alpha");
    assertThat(tenants.find("gamma")).isEmpty();
    assertThat(tenants.list()).extracting(StoredTenant::id).containsExactly("alpha", "beta");
  }

  @Test
  void movingAUserTakesItsKeysAlong() {
    UserRepository users = new UserRepository(database);
    ApiKeyRepository keys = new ApiKeyRepository(database);
    users.create(new StoredUser("usr_1", TENANT, "one@example.com", "h", "member", false, 1));
    keys.create(new StoredApiKey("key_1", TENANT, "usr_1", "ci", "ara_12345678", "hash1", "member", 1, null, null, null));

    assertThat(users.moveToTenant("usr_1", "beta")).isTrue();
    assertThat(users.moveToTenant("usr_nobody", "beta")).isFalse();

    assertThat(users.findById("usr_1").orElseThrow().tenantId()).isEqualTo("beta");
    assertThat(keys.find("key_1").orElseThrow().tenantId()).isEqualTo("beta");
    assertThat(users.list(TENANT)).isEmpty();
  }

  @Test
  void aConditionalChargeStopsAtTheLimitAndChangesNothingWhenRefused() {
    assertThat(charge("alpha", "2026-01", 2, 5)).hasValue(2);
    assertThat(charge("alpha", "2026-01", 3, 5)).hasValue(5);
    assertThat(charge("alpha", "2026-01", 1, 5)).as("one more would pass 5").isEmpty();
    assertThat(usage.used("alpha", "2026-01", "debates")).isEqualTo(5);
    assertThat(charge("alpha", "2026-02", 1, 5)).as("another month").hasValue(1);
    assertThat(charge("beta", "2026-01", 1, 5)).as("another tenant").hasValue(1);
    assertThat(charge("alpha", "2026-01", 100, 0)).as("limit 0: none").hasValue(105);
    assertThat(usage.used("gamma", "2026-01", "debates")).isZero();
    assertThat(usage.add("alpha", UsageRepository.NO_PERIOD, "storage", 40, 1)).isEqualTo(40);
    assertThat(usage.add("alpha", UsageRepository.NO_PERIOD, "storage", -10, 1)).isEqualTo(30);
    assertThat(usage.used(List.of("alpha", "beta", "gamma"), "2026-01", "debates"))
        .isEqualTo(Map.of("alpha", 105L, "beta", 1L));
  }

  @Test
  void concurrentChargesNeverPassTheLimit() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int i = 0; i < 40; i++) tasks.add(() -> charge("alpha", "2026-01", 1, 25).isPresent());
      int accepted = 0;
      for (Future<Boolean> f : pool.invokeAll(tasks)) if (f.get()) accepted++;
      assertThat(accepted).isEqualTo(25);
      assertThat(usage.used("alpha", "2026-01", "debates")).isEqualTo(25);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFinishedDebatesBytesAreItsEventsResultAndReceiptAndMemoryIsCountedPerScope() throws Exception {
    DebateRepository debates = new DebateRepository(database, JSON, clock);
    debates.create(TENANT, "d-1", StoreFixtures.request("Sized?"), Map.of());
    new EventLog(database, JSON).append(StoreFixtures.event("d-1", 1, "héllo"));
    debates.saveResult("d-1", StoreFixtures.result("d-1"));
    long expected;
    try (Connection c = database.connection(); var s = c.createStatement();
         var rows = s.executeQuery("SELECT (SELECT envelope_json FROM debate_events WHERE debate_id = 'd-1'),"
             + " (SELECT result_json FROM debates WHERE id = 'd-1')")) {
      rows.next();
      expected = utf8(rows.getString(1)) + utf8(rows.getString(2));
    }
    assertThat(usage.finishedDebateBytes("d-1")).isEqualTo(expected);
    assertThat(usage.finishedDebateBytes("d-none")).isZero();

    JdbcMemoryStore memory = new JdbcMemoryStore(database, clock);
    memory.put(MemoryEntry.create("tenant:alpha", MemoryKind.CONSENSUS, "d-1", "a", "Which?", "This one.", 0.9,
        null, "", now.get()));
    assertThat(usage.memoryBytes("tenant:alpha")).isEqualTo(utf8("Which?") + utf8("This one."));
    assertThat(usage.memoryBytes("tenant:beta")).isZero();
  }

  private static long utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private OptionalLong charge(String tenant, String period, long amount, long limit) {
    return Jdbc.inTransaction(database, "test", c -> UsageRepository.charge(c, tenant, period, "debates", amount, limit, 1));
  }
}
