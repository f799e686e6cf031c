package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aragora.server.testing.TempPostgres;
import dev.aragora.server.testing.TcpProxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pool behind a TCP proxy that stops and starts again, as PostgreSQL does when restarted. */
class DatabaseOutagePostgresTest {
  @Test
  void whileUnreachableBorrowingFailsAtOnceAndTheSamePoolServesAgainWhenItIsBack() throws Exception {
    try (TempPostgres postgres = TempPostgres.create();
         TcpProxy proxy = new TcpProxy(TempPostgres.PORT);
         Database database = Database.open(DatabaseSettings.fromEnv(Map.of("DATABASE_URL", postgres.url(proxy.port()),
             "ARAGORA_DB_POOL_SIZE", "2", "ARAGORA_DB_POOL_MAX_OVERFLOW", "1")))) {
      DebateRepository debates = new DebateRepository(database, StoreTestBase.JSON, () -> Instant.EPOCH);
      debates.create("default", "d-before", StoreFixtures.request("Kept?"), Map.of());
      assertThat(database.isReady()).isTrue();

      proxy.stop();
      // The pooled connections are cut: the first borrowers fail, and the pool's attempt to open a
      // new one is refused, which marks the database unreachable.
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
        try (Connection connection = database.connection()) {
          connection.createStatement().execute("SELECT 1");
          return false;
        } catch (SQLException e) {
          return !database.isAvailable();
        }
      });
      long start = System.nanoTime();
      for (int i = 0; i < 100; i++)
        assertThatThrownBy(database::connection).isInstanceOf(DatabaseUnavailableException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("100 refusals").isLessThan(Duration.ofSeconds(1));
      assertThat(database.isReady()).isFalse();
      assertThatThrownBy(() -> debates.find("d-before")).isInstanceOf(StoreException.class)
          .matches(ConnectionFailures::isConnectionFailure);

      proxy.start();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(database::isAvailable);
      assertThat(debates.find("d-before")).isPresent();
      debates.create("default", "d-after", StoreFixtures.request("Back?"), Map.of());
      assertThat(debates.find("d-after")).isPresent();
      Awaitility.await().atMost(Duration.ofSeconds(3)).until(database::isReady);
    }
  }

  /**
   * A database that stops answering without closing anything (a partition, a frozen host): a query
   * fails after the socket timeout instead of holding its caller until TCP keepalive notices, the
   * failure is a connection failure (503 database_unavailable at the API), and the pool serves
   * again once packets flow.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // without a socket timeout the query would wait for good
  void aDatabaseThatStopsAnsweringFailsTheQueryAfterTheSocketTimeoutAndServesAgainAfterwards() throws Exception {
    try (TempPostgres postgres = TempPostgres.create();
         TcpProxy proxy = new TcpProxy(TempPostgres.PORT);
         Database database = Database.open(DatabaseSettings.fromEnv(Map.of("DATABASE_URL",
             postgres.url(proxy.port()) + "?socketTimeout=2", "ARAGORA_DB_POOL_SIZE", "2",
             "ARAGORA_DB_POOL_MAX_OVERFLOW", "1")))) {
      DebateRepository debates = new DebateRepository(database, StoreTestBase.JSON, () -> Instant.EPOCH);
      debates.create("default", "d-before", StoreFixtures.request("Kept?"), Map.of());

      proxy.freeze();
      long start = System.nanoTime();
      assertThatThrownBy(() -> debates.find("d-before")).isInstanceOf(StoreException.class)
          .matches(ConnectionFailures::isConnectionFailure);
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      assertThat(waited).as("the query's wait").isBetween(Duration.ofMillis(1500), Duration.ofSeconds(8));

      proxy.thaw();
      Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .until(() -> debates.find("d-before").isPresent());
    }
  }

  @Test
  void thePoolLendsConnectionsWithTheSixtySecondSocketTimeout() throws Exception {
    try (TempPostgres postgres = TempPostgres.create();
         Database database = Database.open(DatabaseSettings.fromEnv(Map.of("DATABASE_URL", postgres.url())));
         Connection connection = database.connection()) {
      assertThat(connection.getNetworkTimeout()).isEqualTo(60_000);
    }
  }

  @Test
  void theServersConnectionsHaveASocketTimeoutUnlessTheUrlSetsOneAndMigrationsHaveNone() {
    String url = "postgresql://postgres@127.0.0.1:5432/aragora";
    DatabaseSettings plain = DatabaseSettings.fromEnv(Map.of("DATABASE_URL", url));
    assertThat(Database.postgres(plain, 60).getSocketTimeout()).isEqualTo(60);
    assertThat(((org.postgresql.ds.PGSimpleDataSource) Database.unpooled(plain)).getSocketTimeout()).isZero();
    DatabaseSettings given = DatabaseSettings.fromEnv(Map.of("DATABASE_URL", url + "?socketTimeout=7"));
    assertThat(Database.postgres(given, 60).getSocketTimeout()).isEqualTo(7);
  }
}
