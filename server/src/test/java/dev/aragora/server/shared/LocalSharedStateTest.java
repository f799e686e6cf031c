package dev.aragora.server.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aragora.server.redis.RedisStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalSharedStateTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final LocalSharedState state = new LocalSharedState(now::get);

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void aCounterCountsWithinItsWindowAndStartsAgainAfterIt() {
    Duration minute = Duration.ofMinutes(1);
    assertThat(state.increment("ip:1", minute)).isEqualTo(new WindowCount(1, minute));
    advance(Duration.ofSeconds(20));
    assertThat(state.increment("ip:1", minute)).isEqualTo(new WindowCount(2, Duration.ofSeconds(40)));
    assertThat(state.increment("ip:2", minute).count()).isEqualTo(1);
    advance(Duration.ofSeconds(40));
    assertThat(state.increment("ip:1", minute)).isEqualTo(new WindowCount(1, minute));
  }

  @Test
  void aRevocationHoldsForItsTtl() {
    state.revoke("jti-1", Duration.ofMinutes(5));
    assertThat(state.isRevoked("jti-1")).isTrue();
    assertThat(state.isRevoked("jti-2")).isFalse();
    assertThat(state.revocations()).containsEntry("jti-1", Duration.ofMinutes(5));
    advance(Duration.ofMinutes(5));
    assertThat(state.isRevoked("jti-1")).isFalse();
    assertThat(state.revocations()).isEmpty();
  }

  @Test
  void expiredEntriesAreSweptOnceThereAreMany() {
    for (int i = 0; i <= LocalSharedState.SWEEP_ABOVE; i++) state.increment("k" + i, Duration.ofSeconds(1));
    advance(Duration.ofSeconds(2));
    state.increment("fresh", Duration.ofSeconds(1));
    assertThat(state.increment("k0", Duration.ofSeconds(1)).count()).isEqualTo(1);
  }

  @Test
  void itSaysItIsNotShared() {
    assertThat(state.status()).isEqualTo(RedisStatus.NOT_CONFIGURED);
    assertThatThrownBy(() -> state.increment("k", Duration.ZERO)).hasMessageContaining("window");
  }
}
