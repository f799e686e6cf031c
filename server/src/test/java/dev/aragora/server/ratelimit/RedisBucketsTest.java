package dev.aragora.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aragora.server.redis.Redis;
import dev.aragora.server.testing.TcpProxy;
import dev.aragora.server.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Buckets in the machine's Redis under a key prefix of their own, as two instances would keep them. */
class RedisBucketsTest {
  private static final Duration TTL = Duration.ofSeconds(120);
  private final TestRedis redis = new TestRedis();
  private final ManualClock clock = new ManualClock();
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final Limit limit = new Limit("anonymous", 30, 60);

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : opened.reversed()) c.close();
    redis.close();
  }

  /** One instance's buckets on its own Redis link. */
  private RedisBuckets instance(int port) {
    Redis link = Redis.start(TestRedis.server(port), redis.prefix());
    opened.add(link);
    RedisBuckets buckets = new RedisBuckets(link, TTL, clock);
    opened.add(buckets);
    return buckets;
  }

  @Test
  void twoInstancesShareOneBudget() {
    RedisBuckets a = instance(TestRedis.PORT);
    RedisBuckets b = instance(TestRedis.PORT);
    assertThat(a.status()).isEqualTo("redis");
    int allowed = 0;
    for (int i = 0; i < 40; i++) {
      if ((i % 2 == 0 ? a : b).take(limit, "ip:192.0.2.1").allowed()) allowed++;
    }
    assertThat(allowed).isEqualTo(40);
    for (int i = 0; i < 20; i++) assertThat(b.take(limit, "ip:192.0.2.1").allowed()).isTrue();
    Verdict refused = a.take(limit, "ip:192.0.2.1");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(2);
    assertThat(refused.resetSeconds()).isEqualTo(120);

    clock.advance(Duration.ofSeconds(2));
    assertThat(b.take(limit, "ip:192.0.2.1").allowed()).isTrue();
    assertThat(a.take(limit, "ip:192.0.2.1").allowed()).isFalse();
  }

  @Test
  void concurrentRequestsOnBothInstancesNeverTakeMoreThanTheCapacity() throws Exception {
    RedisBuckets a = instance(TestRedis.PORT);
    RedisBuckets b = instance(TestRedis.PORT);
    List<Callable<Boolean>> requests = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      RedisBuckets on = i % 2 == 0 ? a : b;
      requests.add(() -> on.take(limit, "user:42").allowed());
    }
    int allowed = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Boolean> f : pool.invokeAll(requests)) if (f.get()) allowed++;
    }
    assertThat(allowed).isEqualTo(60);
    assertThat(a.status()).isEqualTo("redis");
  }

  @Test
  void bucketsLiveUnderThePrefixAndExpireOnceFullAndTheTtlHasPassed() {
    RedisBuckets a = instance(TestRedis.PORT);
    a.take(limit, "ip:192.0.2.1");
    String key = redis.prefix() + "ratelimit:anonymous:30-60:ip:192.0.2.1";
    assertThat(redis.commands().exists(key)).isEqualTo(1);
    // One token short of full refills in 2 s, so ARAGORA_REDIS_TTL (120 s) decides.
    assertThat(redis.commands().pttl(key)).isBetween(100_000L, 120_000L);
    for (int i = 0; i < 59; i++) a.take(limit, "ip:192.0.2.1");
    // Empty, the bucket needs 120 s to fill: never expire before that.
    assertThat(redis.commands().pttl(key)).isBetween(110_000L, 121_000L);
    Limit slow = new Limit("slow", 1, 10);
    for (int i = 0; i < 10; i++) a.take(slow, "k");
    // Ten minutes to fill again, longer than the TTL.
    assertThat(redis.commands().pttl(redis.prefix() + "ratelimit:slow:1-10:k")).isBetween(590_000L, 600_000L);
  }

  @Test
  void withRedisGoneEachInstanceCountsLocallyAndSaysSoUntilRedisIsBack() {
    try (TcpProxy proxy = new TcpProxy(TestRedis.PORT)) {
      RedisBuckets a = instance(proxy.port());
      RedisBuckets b = instance(proxy.port());
      for (int i = 0; i < 10; i++) assertThat(a.take(limit, "k").remaining()).isEqualTo(59 - i);

      proxy.stop();
      await().atMost(Duration.ofSeconds(10)).until(() -> a.status().equals("local_fallback"));
      // Not open: each instance still limits, from a full local bucket of its own.
      for (int i = 0; i < 60; i++) assertThat(a.take(limit, "k").allowed()).isTrue();
      assertThat(a.take(limit, "k").allowed()).isFalse();
      assertThat(b.take(limit, "k").remaining()).isEqualTo(59);
      assertThat(b.status()).isEqualTo("local_fallback");

      proxy.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> a.status().equals("redis") && b.status().equals("redis"));
      // Back on the shared bucket, where the ten from before the outage are still taken.
      assertThat(a.take(limit, "k").remaining()).isEqualTo(49);
      assertThat(b.take(limit, "k").remaining()).isEqualTo(48);
    }
  }
}
