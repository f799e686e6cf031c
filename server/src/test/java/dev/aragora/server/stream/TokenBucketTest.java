package dev.aragora.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aFullBucketAllowsItsBurstThenRefillsAtTheRate() {
    TokenBucket bucket = new TokenBucket(10, 20, 0);
    for (int i = 0; i < 20; i++) assertThat(bucket.tryTake(0)).isTrue();
    assertThat(bucket.tryTake(0)).isFalse();
    assertThat(bucket.tryTake(SECOND / 10)).isTrue();
    assertThat(bucket.tryTake(SECOND / 10)).isFalse();
    for (int i = 0; i < 10; i++) assertThat(bucket.tryTake(SECOND + SECOND / 10)).isTrue();
    assertThat(bucket.tryTake(SECOND + SECOND / 10)).isFalse();
  }

  @Test
  void itNeverHoldsMoreThanItsCapacity() {
    TokenBucket bucket = new TokenBucket(10, 3, 0);
    assertThat(bucket.isFull(100 * SECOND)).isTrue();
    for (int i = 0; i < 3; i++) assertThat(bucket.tryTake(100 * SECOND)).isTrue();
    assertThat(bucket.tryTake(100 * SECOND)).isFalse();
    assertThat(bucket.isFull(100 * SECOND)).isFalse();
  }
}
