package dev.aragora.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MonthlyDebatesTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-17T10:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final List<Instant> asked = new ArrayList<>();
  private final AtomicLong count = new AtomicLong(250);
  private final MonthlyDebates usage = new MonthlyDebates(since -> {
    asked.add(since);
    if (count.get() < 0) throw new IllegalStateException("database down");
    return count.get();
  }, 1000, clock, Duration.ofSeconds(30));

  @Test
  void countsDebatesSinceTheStartOfTheMonthInUtcAgainstTheQuota() {
    assertThat(usage.ratio()).isEqualTo(0.25);
    assertThat(asked).containsExactly(Instant.parse("2026-03-01T00:00:00Z"));
  }

  @Test
  void countsAtMostOncePerPeriod() {
    usage.ratio();
    count.set(300);
    now.set(now.get().plusSeconds(29));
    assertThat(usage.ratio()).isEqualTo(0.25);
    now.set(now.get().plusSeconds(1));
    assertThat(usage.ratio()).isEqualTo(0.3);
    assertThat(asked).hasSize(2);
  }

  @Test
  void aNewMonthCountsAgainAtOnce() {
    now.set(Instant.parse("2026-03-31T23:59:50Z"));
    usage.ratio();
    now.set(Instant.parse("2026-04-01T00:00:01Z"));
    count.set(1);
    assertThat(usage.ratio()).isEqualTo(0.001);
    assertThat(asked).last().isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
  }

  @Test
  void keepsTheLastValueWhileTheStoreCannotCount() {
    usage.ratio();
    count.set(-1);
    now.set(now.get().plusSeconds(60));
    assertThat(usage.ratio()).isEqualTo(0.25);
  }
}
