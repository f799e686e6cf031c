package dev.aragora.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aragora.server.redis.Redis;
import dev.aragora.server.redis.RedisStatus;
import dev.aragora.server.testing.TcpProxy;
import dev.aragora.server.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances' caches over the machine's Redis with one key prefix. */
class RedisCacheTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestRedis redis = new TestRedis();
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final AtomicInteger loads = new AtomicInteger();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened.reversed()) c.close();
    redis.close();
  }

  private record Instance(Redis redis, RedisCache cache) {}

  private Instance instance(int port, Duration ttl) {
    Redis link = Redis.start(TestRedis.server(port), redis.prefix());
    opened.add(link);
    return new Instance(link, new RedisCache(link, ttl));
  }

  private String load() {
    return "{\"load\":" + loads.incrementAndGet() + "}";
  }

  @Test
  void aValueLoadedByOneInstanceIsServedToTheOthersUntilItsTtlEnds() {
    RedisCache a = instance(TestRedis.PORT, Duration.ofMillis(500)).cache();
    RedisCache b = instance(TestRedis.PORT, Duration.ofMillis(500)).cache();
    assertThat(a.get("rankings", "leaderboard||20", this::load)).isEqualTo("{\"load\":1}");
    await().atMost(WAIT).until(() -> b.get("rankings", "leaderboard||20", this::load).equals("{\"load\":1}"));
    assertThat(loads).hasValue(1);
    await().atMost(WAIT).until(() -> b.get("rankings", "leaderboard||20", this::load).equals("{\"load\":2}"));
  }

  @Test
  void invalidatingOnOneInstanceMakesEveryInstanceLoadAfresh() {
    RedisCache a = instance(TestRedis.PORT, Duration.ofMinutes(5)).cache();
    RedisCache b = instance(TestRedis.PORT, Duration.ofMinutes(5)).cache();
    a.get("rankings", "top", this::load);
    await().atMost(WAIT).until(() -> b.get("rankings", "top", this::load).equals("{\"load\":1}"));
    a.invalidate("rankings");
    assertThat(b.get("rankings", "top", this::load)).isEqualTo("{\"load\":2}");
    assertThat(redis.commands().get(redis.prefix() + "cache:rankings")).isEqualTo("1");
  }

  @Test
  void withoutRedisReadsLoadAndAnInvalidationMissedMeanwhileIsSentOnceItIsBack() {
    try (TcpProxy proxy = new TcpProxy(TestRedis.PORT)) {
      Instance a = instance(proxy.port(), Duration.ofMinutes(5));
      RedisCache b = instance(TestRedis.PORT, Duration.ofMinutes(5)).cache();
      a.cache().get("rankings", "top", this::load);
      await().atMost(WAIT).until(() -> b.get("rankings", "top", this::load).equals("{\"load\":1}"));

      proxy.stop();
      await().atMost(WAIT).until(() -> a.redis().status() == RedisStatus.DISCONNECTED);
      assertThat(a.cache().get("rankings", "top", this::load)).isEqualTo("{\"load\":2}");
      a.cache().invalidate("rankings");
      assertThat(b.get("rankings", "top", this::load)).isEqualTo("{\"load\":1}");

      proxy.start();
      await().atMost(WAIT).until(() -> b.get("rankings", "top", this::load).equals("{\"load\":3}"));
    }
  }
}
