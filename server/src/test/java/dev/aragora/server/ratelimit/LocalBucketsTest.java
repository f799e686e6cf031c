package dev.aragora.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Token-bucket math on a clock the test moves: capacity, refill, and what the headers will say. */
class LocalBucketsTest {
  private final ManualClock clock = new ManualClock();
  private final LocalBuckets buckets = new LocalBuckets(clock);
  /** 30 a minute with the default burst multiplier of 2: 60 at once, then one every 2 s. */
  private final Limit anonymous = new Limit("anonymous", 30, 60);

  @Test
  void aFullBucketServesItsCapacityAtOnceThenRefuses() {
    for (int i = 1; i <= 60; i++) {
      Verdict v = buckets.take(anonymous, "ip:192.0.2.1");
      assertThat(v.allowed()).as("request %d", i).isTrue();
      assertThat(v.limit()).isEqualTo(60);
      assertThat(v.remaining()).isEqualTo(60 - i);
    }
    Verdict refused = buckets.take(anonymous, "ip:192.0.2.1");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfterSeconds()).isEqualTo(2);
    // Empty, it takes 60 tokens / (30 per minute) = 2 minutes to fill again.
    assertThat(refused.resetSeconds()).isEqualTo(120);
  }

  @Test
  void tokensComeBackAtTheRatePerMinute() {
    for (int i = 0; i < 60; i++) buckets.take(anonymous, "k");
    clock.advance(Duration.ofMillis(1999));
    assertThat(buckets.take(anonymous, "k").allowed()).isFalse();
    clock.advance(Duration.ofMillis(1));
    Verdict one = buckets.take(anonymous, "k");
    assertThat(one.allowed()).isTrue();
    assertThat(one.remaining()).isZero();
    assertThat(buckets.take(anonymous, "k").retryAfterSeconds()).isEqualTo(2);

    // A minute later, 30 more — and never more than the capacity however long the wait.
    clock.advance(Duration.ofMinutes(1));
    assertThat(buckets.take(anonymous, "k").remaining()).isEqualTo(29);
    clock.advance(Duration.ofHours(1));
    assertThat(buckets.take(anonymous, "k").remaining()).isEqualTo(59);
  }

  @Test
  void retryAfterRoundsUpToWholeSeconds() {
    Limit slow = new Limit("slow", 1, 1);
    assertThat(buckets.take(slow, "k").allowed()).isTrue();
    clock.advance(Duration.ofMillis(59_500));
    Verdict refused = buckets.take(slow, "k");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    assertThat(refused.resetSeconds()).isEqualTo(1);
  }

  @Test
  void eachIdAndEachLimitHasItsOwnBucket() {
    for (int i = 0; i < 60; i++) buckets.take(anonymous, "a");
    assertThat(buckets.take(anonymous, "a").allowed()).isFalse();
    assertThat(buckets.take(anonymous, "b").allowed()).isTrue();
    assertThat(buckets.take(new Limit("ip", 120, 240), "a").remaining()).isEqualTo(239);
    // Another shape of the same name is a fresh bucket too (a changed setting starts clean).
    assertThat(buckets.take(new Limit("anonymous", 60, 120), "a").allowed()).isTrue();
  }

  @Test
  void bucketsThatHaveRefilledAreSweptAway() {
    buckets.take(anonymous, "a");
    for (int i = 0; i < 10; i++) buckets.take(anonymous, "b");
    clock.advance(Duration.ofSeconds(3));
    buckets.sweep();
    assertThat(buckets.size()).isEqualTo(1);
    clock.advance(LocalBuckets.SWEEP_EVERY);
    buckets.take(anonymous, "c");
    assertThat(buckets.size()).isEqualTo(1);
  }

  @Test
  void theTighterVerdictIsARefusalElseTheOneWithFewerTokens() {
    Verdict plenty = new Verdict(anonymous, true, 240, 200, 0, 0);
    Verdict few = new Verdict(anonymous, true, 60, 3, 0, 0);
    Verdict no = new Verdict(anonymous, false, 240, 0, 0, 5);
    assertThat(Verdict.tighter(plenty, few)).isSameAs(few);
    assertThat(Verdict.tighter(few, no)).isSameAs(no);
    assertThat(Verdict.tighter(null, plenty)).isSameAs(plenty);
  }
}
