package dev.aragora.server.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aragora.server.redis.Redis;
import dev.aragora.server.redis.RedisStatus;
import dev.aragora.server.testing.TcpProxy;
import dev.aragora.server.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances' shared state over the machine's Redis with one key prefix (and over a proxy that a test cuts). */
class RedisSharedStateTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestRedis redis = new TestRedis();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened.reversed()) c.close();
    redis.close();
  }

  private RedisSharedState instance(int port) {
    Redis link = Redis.start(TestRedis.server(port), redis.prefix());
    opened.add(link);
    RedisSharedState state = new RedisSharedState(link);
    opened.add(state);
    return state;
  }

  @Test
  void twoInstancesCountTheSameWindowAtomically() throws Exception {
    RedisSharedState a = instance(TestRedis.PORT);
    RedisSharedState b = instance(TestRedis.PORT);
    Duration minute = Duration.ofMinutes(1);
    assertThat(a.increment("ip:10.0.0.1", minute).count()).isEqualTo(1);
    WindowCount second = b.increment("ip:10.0.0.1", minute);
    assertThat(second.count()).isEqualTo(2);
    assertThat(second.resetsIn()).isPositive().isLessThanOrEqualTo(minute);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<WindowCount>> hits = new ArrayList<>();
      for (int i = 0; i < 100; i++) hits.add(threads.submit(() -> (hits.size() % 2 == 0 ? a : b).increment("burst", minute)));
      List<Long> counts = new ArrayList<>();
      for (Future<WindowCount> hit : hits) counts.add(hit.get().count());
      assertThat(counts).hasSize(100).doesNotHaveDuplicates().allMatch(c -> c >= 1 && c <= 100);
    }
    assertThat(redis.commands().get(redis.prefix() + "count:burst")).isEqualTo("100");
    assertThat(redis.commands().pttl(redis.prefix() + "count:burst")).isPositive();
    assertThat(a.status()).isEqualTo(RedisStatus.CONNECTED);
  }

  @Test
  void aWindowEndsForEveryInstance() {
    RedisSharedState a = instance(TestRedis.PORT);
    RedisSharedState b = instance(TestRedis.PORT);
    Duration window = Duration.ofMillis(300);
    a.increment("short", window);
    assertThat(b.increment("short", window).count()).isEqualTo(2);
    await().atMost(WAIT).until(() -> redis.commands().exists(redis.prefix() + "count:short") == 0);
    assertThat(a.increment("short", window).count()).isEqualTo(1);
  }

  @Test
  void aTokenRevokedOnOneInstanceIsRevokedOnAllUntilItsTtlEnds() {
    RedisSharedState a = instance(TestRedis.PORT);
    RedisSharedState b = instance(TestRedis.PORT);
    assertThat(b.isRevoked("jti-1")).isFalse();
    a.revoke("jti-1", Duration.ofMillis(400));
    assertThat(b.isRevoked("jti-1")).isTrue();
    assertThat(b.isRevoked("jti-2")).isFalse();
    await().atMost(WAIT).until(() -> !b.isRevoked("jti-1"));
  }

  @Test
  void whileRedisIsAwayEachInstanceCountsAloneAndARevocationReachesTheOthersOnceItIsBack() {
    try (TcpProxy proxy = new TcpProxy(TestRedis.PORT)) {
      RedisSharedState a = instance(proxy.port());
      RedisSharedState b = instance(TestRedis.PORT);
      Duration minute = Duration.ofMinutes(1);
      assertThat(a.increment("ip:1", minute).count()).isEqualTo(1);

      proxy.stop();
      await().atMost(WAIT).until(() -> a.status() == RedisStatus.DISCONNECTED);
      assertThat(a.increment("ip:1", minute).count()).isEqualTo(1);
      assertThat(a.increment("ip:1", minute).count()).isEqualTo(2);
      a.revoke("jti-logout", Duration.ofMinutes(5));
      assertThat(a.isRevoked("jti-logout")).isTrue();
      assertThat(b.isRevoked("jti-logout")).isFalse();

      proxy.start();
      await().atMost(WAIT).until(() -> a.status() == RedisStatus.CONNECTED);
      await().atMost(WAIT).until(() -> b.isRevoked("jti-logout"));
      assertThat(redis.commands().pttl(redis.prefix() + "revoked:jti-logout")).isPositive();
      assertThat(a.increment("ip:1", minute).count()).isEqualTo(2);
    }
  }
}
