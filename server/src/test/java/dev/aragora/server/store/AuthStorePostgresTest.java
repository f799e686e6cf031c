package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AuthStorePostgresTest extends AuthStoreContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.postgres();
  }

  @Test
  void instancesExchangingOneRefreshTokenAtOnceNeverBothSucceed() throws Exception {
    for (int round = 0; round < 10; round++) {
      String session = "ses_race" + round;
      sessions.open(session, "usr_ada", "race" + round, 1000, 100_000);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<AuthSessions.Exchange>> results = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
        for (int i = 0; i < 4; i++) {
          String next = "next" + round + "-" + i;
          String presented = "race" + round;
          results.add(pool.submit(() -> {
            go.await();
            return sessions.exchange(presented, next, 2000, 200_000);
          }));
        }
        go.countDown();
        int rotated = 0;
        for (Future<AuthSessions.Exchange> result : results)
          if (result.get() instanceof AuthSessions.Exchange.Rotated) rotated++;
        assertThat(rotated).as("round %d", round).isLessThanOrEqualTo(1);
      }
    }
  }
}
