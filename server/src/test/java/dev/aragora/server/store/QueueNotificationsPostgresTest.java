package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.server.testing.TempPostgres;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The queue's doorbell on a real PostgreSQL: a ring reaches every listener, also after its connection was killed. */
class QueueNotificationsPostgresTest {
  @Test
  void aRingWakesEveryListenerAndAListenerWhoseConnectionDiedListensAgain() throws Exception {
    try (TempPostgres postgres = TempPostgres.create();
         Database database = Database.open(DatabaseSettings.fromEnv(Map.of("DATABASE_URL", postgres.url())))) {
      AtomicInteger first = new AtomicInteger();
      AtomicInteger second = new AtomicInteger();
      try (QueueNotifications a = QueueNotifications.listen(database, first::incrementAndGet);
           QueueNotifications b = QueueNotifications.listen(database, second::incrementAndGet)) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.isListening() && b.isListening());
        // each listener looks once as it starts listening (for rings it could not hear yet)
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> first.get() == 1 && second.get() == 1);
        a.ring();
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> first.get() == 2 && second.get() == 2);

        // the listening sessions end, as in a database restart or a failover
        postgres.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND query = 'LISTEN " + QueueNotifications.CHANNEL + "'");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !a.isListening() || !b.isListening());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.isListening() && b.isListening());
        Thread.sleep(200); // past the look each listener takes as it listens again
        int before = second.get();
        a.ring();
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> second.get() > before);
      }
    }
  }

  @Test
  void sqliteHasNoBell() throws Exception {
    try (StoreBackend sqlite = StoreBackend.sqlite(); Database database = Database.open(sqlite.settings())) {
      assertThat(QueueNotifications.listen(database, () -> {})).isNull();
    }
  }
}
