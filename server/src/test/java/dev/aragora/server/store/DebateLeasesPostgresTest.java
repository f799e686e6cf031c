package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DebateLeasesPostgresTest extends DebateLeasesContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.postgres();
  }

  @Test
  void instancesClaimingAtOnceNeverTakeTheSameDebate() throws Exception {
    for (int i = 0; i < 60; i++) create("d-" + i);
    List<String> claimed = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 6; w++) {
        String owner = "i" + w + "#x";
        workers.add(pool.submit(() -> {
          go.await();
          List<DebateLeases.Claim> got;
          while (!(got = leases.claim(owner, 3, LEASE)).isEmpty()) claimed.addAll(ids(got));
          return null;
        }));
      }
      go.countDown();
      for (Future<?> worker : workers) worker.get();
    }
    assertThat(claimed).hasSize(60).doesNotHaveDuplicates();
  }
}
