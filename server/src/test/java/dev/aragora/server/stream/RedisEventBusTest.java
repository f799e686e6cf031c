package dev.aragora.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aragora.server.redis.Redis;
import dev.aragora.server.redis.RedisStatus;
import dev.aragora.server.testing.TcpProxy;
import dev.aragora.server.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances' buses over the machine's Redis (and over a proxy that a test cuts), with an in-memory event log. */
class RedisEventBusTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestRedis redis = new TestRedis();
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final MemoryLog log = new MemoryLog();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened.reversed()) c.close();
    redis.close();
  }

  /** The event log both instances share (the database), in memory. */
  private static final class MemoryLog implements StoredEvents {
    private final Map<String, List<String>> envelopes = new ConcurrentHashMap<>();

    String store(String debateId, long seq) {
      String json = envelope(debateId, seq);
      envelopes.computeIfAbsent(debateId, id -> new CopyOnWriteArrayList<>()).add(json);
      return json;
    }

    @Override
    public List<String> since(String debateId, long afterSeq, int limit) {
      return envelopes.getOrDefault(debateId, List.of()).stream()
          .filter(e -> StoredEvent.parse(e).seq() > afterSeq).limit(limit).toList();
    }
  }

  private record Instance(Redis redis, RedisEventBus bus, MemoryLog log) {
    /** What the runner's sink does: store, then publish. */
    void storeAndPublish(String debateId, long seq) {
      bus.publish(debateId, seq, "agent_message", log.store(debateId, seq));
    }

    /** Publishes without storing: only Redis can carry such an event to another instance. */
    void publishOnly(String debateId, long seq) {
      bus.publish(debateId, seq, "agent_message", envelope(debateId, seq));
    }
  }

  /** Records what a subscriber is handed. */
  private static final class Recorder implements EventBus.Listener {
    final List<Long> seqs = new CopyOnWriteArrayList<>();
    final List<String> envelopes = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(long seq, String type, String envelopeJson) {
      seqs.add(seq);
      envelopes.add(envelopeJson);
    }

    long last() {
      return seqs.isEmpty() ? 0 : seqs.getLast();
    }
  }

  static String envelope(String debateId, long seq) {
    return "{\"type\":\"agent_message\",\"data\":{\"content\":\"line\\nbreak " + seq + "\"},\"seq\":" + seq
        + ",\"debate_id\":\"" + debateId + "\"}";
  }

  private Instance instance(int port) {
    Redis link = Redis.start(TestRedis.server(port), redis.prefix());
    RedisEventBus bus = new RedisEventBus(link, log);
    opened.add(link);
    opened.add(bus);
    return new Instance(link, bus, log);
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void aSubscriberOnBReceivesAsEventsLiveExactlyOnceAndInOrderWhileAIgnoresItsOwnEcho() {
    Instance a = instance(TestRedis.PORT);
    Instance b = instance(TestRedis.PORT);
    Recorder onA = new Recorder();
    Recorder onB = new Recorder();
    a.bus().subscribe("deb_live", onA);
    b.bus().subscribe("deb_live", onB);
    for (long seq = 1; seq <= 300; seq++) a.publishOnly("deb_live", seq);

    await().atMost(WAIT).until(() -> onB.seqs.size() >= 300);
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> onB.seqs.size() == 300 && onA.seqs.size() == 300);
    assertThat(onB.seqs).isEqualTo(range(1, 300));
    assertThat(onB.envelopes.get(41)).isEqualTo(envelope("deb_live", 42));
    assertThat(onA.seqs).isEqualTo(range(1, 300));
    assertThat(a.bus().notSent()).isZero();
  }

  @Test
  void anInstanceSubscribesInRedisOnlyToTheDebatesItsClientsWatch() {
    Instance a = instance(TestRedis.PORT);
    Instance b = instance(TestRedis.PORT);
    assertThat(redis.subscribers("events:deb_watched")).isZero();
    EventBus.Subscription first = b.bus().subscribe("deb_watched", new Recorder());
    EventBus.Subscription second = b.bus().subscribe("deb_watched", new Recorder());
    assertThat(redis.subscribers("events:deb_watched")).isEqualTo(1);
    first.close();
    first.close();
    assertThat(b.bus().watchedDebates()).isEqualTo(1);
    second.close();
    assertThat(b.bus().watchedDebates()).isZero();
    await().atMost(WAIT).until(() -> redis.subscribers("events:deb_watched") == 0);

    Recorder later = new Recorder();
    b.bus().subscribe("deb_watched", later);
    a.publishOnly("deb_watched", 1);
    await().atMost(WAIT).until(() -> later.seqs.equals(List.of(1L)));
  }

  @Test
  void theRankingChannelFansOutLikeADebate() {
    Instance a = instance(TestRedis.PORT);
    Instance b = instance(TestRedis.PORT);
    Recorder onA = new Recorder();
    Recorder onB = new Recorder();
    a.bus().subscribe("_leaderboard", onA);
    b.bus().subscribe("_leaderboard", onB);
    a.publishOnly("_leaderboard", 1);
    assertThat(onA.seqs).containsExactly(1L);
    await().atMost(WAIT).until(() -> onB.seqs.equals(List.of(1L)));
  }

  @Test
  void duringAnOutageLocalDeliveryGoesOnOtherInstancesCatchUpFromTheLogAndLiveDeliveryResumesAfter() {
    try (TcpProxy proxy = new TcpProxy(TestRedis.PORT)) {
      Instance a = instance(proxy.port());
      Instance b = instance(proxy.port());
      Recorder onA = new Recorder();
      Recorder onB = new Recorder();
      a.bus().subscribe("deb_outage", onA);
      b.bus().subscribe("deb_outage", onB);
      a.storeAndPublish("deb_outage", 1);
      await().atMost(WAIT).until(() -> onB.last() == 1);

      proxy.stop();
      await().atMost(WAIT).until(() -> a.redis().status() == RedisStatus.DISCONNECTED
          && b.redis().status() == RedisStatus.DISCONNECTED);
      for (long seq = 2; seq <= 5; seq++) a.storeAndPublish("deb_outage", seq);
      assertThat(onA.seqs).isEqualTo(range(1, 5));
      // B is handed the newest stored event by its poller; a feed reads the gap before it from the log.
      await().atMost(WAIT).until(() -> onB.last() == 5);
      assertThat(onB.seqs).isSorted().doesNotHaveDuplicates();

      proxy.start();
      await().atMost(WAIT).until(() -> a.redis().status() == RedisStatus.CONNECTED
          && b.redis().status() == RedisStatus.CONNECTED);
      await().atMost(WAIT).until(() -> redis.subscribers("events:deb_outage") == 2);
      for (long seq = 6; seq <= 10; seq++) a.publishOnly("deb_outage", seq);
      await().atMost(WAIT).until(() -> onB.last() == 10);
      assertThat(onB.seqs).isSorted().doesNotHaveDuplicates().endsWith(6L, 7L, 8L, 9L, 10L);
      assertThat(onA.seqs).isEqualTo(range(1, 10));
    }
  }

  @Test
  void anInstanceStartedWhileRedisIsAwayRunsLocallyAndConnectsWhenItComes() {
    try (TcpProxy proxy = new TcpProxy(TestRedis.PORT)) {
      proxy.stop();
      Instance a = instance(TestRedis.PORT);
      Instance b = instance(proxy.port());
      assertThat(b.redis().status()).isEqualTo(RedisStatus.DISCONNECTED);
      Recorder onB = new Recorder();
      b.bus().subscribe("deb_late", onB);
      a.storeAndPublish("deb_late", 1);
      a.storeAndPublish("deb_late", 2);
      await().atMost(WAIT).until(() -> onB.last() == 2);

      proxy.start();
      await().atMost(WAIT).until(() -> b.redis().status() == RedisStatus.CONNECTED);
      await().atMost(WAIT).until(() -> redis.subscribers("events:deb_late") == 1);
      a.publishOnly("deb_late", 3);
      await().atMost(WAIT).until(() -> onB.last() == 3);
    }
  }
}
