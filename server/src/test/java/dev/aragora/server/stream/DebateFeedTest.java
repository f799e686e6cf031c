package dev.aragora.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Replay then live over a real LocalEventBus and an in-memory log, with events racing the replay. */
class DebateFeedTest {
  private static final String DEBATE = "deb_1";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final LocalEventBus bus = new LocalEventBus();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final MemoryLog log = new MemoryLog();
  private final AtomicBoolean finished = new AtomicBoolean();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** The event log in memory; {@link #store} is what the runner's sink does: store, then publish. */
  private final class MemoryLog implements StoredEvents {
    private final List<String> envelopes = new CopyOnWriteArrayList<>();
    volatile Runnable beforeRead = () -> { };

    void store(long seq, String type) {
      envelopes.add(envelope(seq, type));
    }

    void storeAndPublish(long seq, String type) {
      store(seq, type);
      bus.publish(DEBATE, seq, type, envelope(seq, type));
    }

    @Override
    public List<String> since(String debateId, long afterSeq, int limit) {
      beforeRead.run();
      List<String> page = new ArrayList<>();
      for (String e : envelopes) {
        if (page.size() == limit) break;
        if (StoredEvent.parse(e).seq() > afterSeq) page.add(e);
      }
      return page;
    }
  }

  private static String envelope(long seq, String type) {
    return "{\"type\":\"" + type + "\",\"data\":{},\"timestamp\":1.0,\"round\":0,\"agent\":\"\",\"seq\":" + seq
        + ",\"debate_id\":\"" + DEBATE + "\"}";
  }

  private static class Recorder implements FeedSink {
    final List<Long> seqs = new CopyOnWriteArrayList<>();
    final CompletableFuture<FeedEnd> ended = new CompletableFuture<>();
    volatile long lastSeq = -1;

    @Override
    public CompletableFuture<Void> send(long seq, String type, String envelopeJson) {
      assertThat(StoredEvent.parse(envelopeJson).seq()).isEqualTo(seq);
      seqs.add(seq);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void ended(FeedEnd reason, long lastSeq) {
      this.lastSeq = lastSeq;
      ended.complete(reason);
    }

    FeedEnd awaitEnd() throws Exception {
      return ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private DebateFeed feed(long since, FeedSink sink, int capacity) {
    return new DebateFeed(DEBATE, since, bus, log, finished::get, executor, capacity, WAIT, sink);
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void replaysStoredEventsThenFollowsLiveOnesUntilDebateEnd() throws Exception {
    for (long seq = 1; seq <= 450; seq++) log.store(seq, "agent_message"); // more than two pages
    Recorder sink = new Recorder();
    DebateFeed feed = feed(0, sink, 16).start();
    await().atMost(WAIT).until(() -> sink.seqs.size() == 450 && feed.isLive());
    for (long seq = 451; seq < 460; seq++) log.storeAndPublish(seq, "agent_message");
    log.storeAndPublish(460, "debate_end");

    assertThat(sink.awaitEnd()).isEqualTo(FeedEnd.DEBATE_ENDED);
    assertThat(sink.seqs).isEqualTo(range(1, 460));
    assertThat(sink.lastSeq).isEqualTo(460);
    assertThat(bus.watchedDebates()).isZero();
  }

  @Test
  void eventsPublishedWhileTheReplayReadsTheLogArriveOnceInOrder() throws Exception {
    for (long seq = 1; seq <= 5; seq++) log.store(seq, "agent_message");
    AtomicBoolean first = new AtomicBoolean(true);
    // The first read of the replay happens while the debate publishes 6..10 on its own thread.
    log.beforeRead = () -> {
      if (!first.getAndSet(false)) return;
      Thread publisher = Thread.ofVirtual().start(() -> {
        for (long seq = 6; seq <= 10; seq++) log.storeAndPublish(seq, "agent_message");
      });
      try {
        publisher.join();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
    Recorder sink = new Recorder();
    feed(0, sink, 16).start();
    await().atMost(WAIT).until(() -> sink.seqs.size() >= 10);
    log.storeAndPublish(11, "debate_end");

    assertThat(sink.awaitEnd()).isEqualTo(FeedEnd.DEBATE_ENDED);
    assertThat(sink.seqs).isEqualTo(range(1, 11));
  }

  @RepeatedTest(30)
  void aSubscriberJoiningWhileTheDebatePublishesGetsEverySeqExactlyOnce() throws Exception {
    int total = 300;
    CountDownLatch halfway = new CountDownLatch(1);
    Thread debate = Thread.ofVirtual().start(() -> {
      for (long seq = 1; seq <= total; seq++) {
        log.storeAndPublish(seq, seq == total ? "debate_end" : "agent_message");
        if (seq == total / 3) halfway.countDown();
        if (seq % 7 == 0) Thread.yield();
      }
    });
    assertThat(halfway.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Recorder sink = new Recorder();
    feed(0, sink, 1024).start();
    debate.join(WAIT);

    assertThat(sink.awaitEnd()).isEqualTo(FeedEnd.DEBATE_ENDED);
    assertThat(sink.seqs).isEqualTo(range(1, total));
  }

  @Test
  void aGapInLiveEventsIsFilledFromTheLog() throws Exception {
    Recorder sink = new Recorder();
    DebateFeed feed = feed(0, sink, 16).start();
    await().atMost(WAIT).until(feed::isLive);
    log.storeAndPublish(1, "agent_message");
    log.store(2, "agent_message"); // stored, but its publication never arrives
    log.store(3, "agent_message");
    log.storeAndPublish(4, "debate_end");

    assertThat(sink.awaitEnd()).isEqualTo(FeedEnd.DEBATE_ENDED);
    assertThat(sink.seqs).isEqualTo(range(1, 4));
  }

  @Test
  void resumingAfterSinceDeliversOnlyLaterEvents() throws Exception {
    for (long seq = 1; seq < 8; seq++) log.store(seq, "agent_message");
    log.store(8, "debate_end");
    finished.set(true);
    Recorder sink = new Recorder();
    feed(5, sink, 16).start();

    assertThat(sink.awaitEnd()).isEqualTo(FeedEnd.DEBATE_ENDED);
    assertThat(sink.seqs).containsExactly(6L, 7L, 8L);
  }

  @Test
  void aFinishedDebateWithoutDebateEndIsReplayedAndThenEnds() throws Exception {
    for (long seq = 1; seq <= 3; seq++) log.store(seq, "agent_message");
    finished.set(true);
    Recorder sink = new Recorder();
    feed(0, sink, 16).start();

    assertThat(sink.awaitEnd()).isEqualTo(FeedEnd.DEBATE_ENDED);
    assertThat(sink.seqs).isEqualTo(range(1, 3));
    assertThat(bus.watchedDebates()).isZero();
  }

  @Test
  void aDebateThatStopsWithoutDebateEndWhileFollowedEndsOnTheNextFinishCheck() throws Exception {
    Recorder sink = new Recorder();
    DebateFeed feed = feed(0, sink, 16).start();
    await().atMost(WAIT).until(feed::isLive);
    log.storeAndPublish(1, "agent_message");
    await().atMost(WAIT).until(() -> sink.seqs.size() == 1);
    log.store(2, "agent_error");
    finished.set(true);
    feed.checkFinished();

    assertThat(sink.awaitEnd()).isEqualTo(FeedEnd.DEBATE_ENDED);
    assertThat(sink.seqs).isEqualTo(range(1, 2));
  }

  @Test
  void aSlowSubscriberIsDroppedWithoutEverBlockingThePublisher() throws Exception {
    CompletableFuture<Void> clientTakesTheFirstEvent = new CompletableFuture<>();
    Recorder sink = new Recorder() {
      @Override
      public CompletableFuture<Void> send(long seq, String type, String envelopeJson) {
        super.send(seq, type, envelopeJson);
        return seq == 1 ? clientTakesTheFirstEvent : CompletableFuture.completedFuture(null);
      }
    };
    DebateFeed feed = feed(0, sink, 4).start();
    await().atMost(WAIT).until(feed::isLive);
    log.storeAndPublish(1, "agent_message");
    await().atMost(WAIT).until(() -> sink.seqs.size() == 1);
    // The client has not taken event 1; the publisher still returns at once for every event.
    for (long seq = 2; seq <= 20; seq++) log.storeAndPublish(seq, "agent_message");
    assertThat(sink.ended).isNotDone();
    clientTakesTheFirstEvent.complete(null);

    assertThat(sink.awaitEnd()).isEqualTo(FeedEnd.TOO_SLOW);
    assertThat(sink.lastSeq).isEqualTo(1);
    assertThat(sink.seqs).containsExactly(1L);
    assertThat(bus.watchedDebates()).isZero();
  }

  @Test
  void afterCloseNothingMoreIsDeliveredAndTheBusForgetsTheFeed() throws Exception {
    Recorder sink = new Recorder();
    DebateFeed feed = feed(0, sink, 16).start();
    await().atMost(WAIT).until(feed::isLive);
    log.storeAndPublish(1, "agent_message");
    await().atMost(WAIT).until(() -> sink.seqs.size() == 1);
    feed.close();
    log.storeAndPublish(2, "agent_message");
    log.storeAndPublish(3, "debate_end");

    assertThat(bus.watchedDebates()).isZero();
    assertThat(feed.isOpen()).isFalse();
    assertThat(sink.seqs).containsExactly(1L);
    assertThat(sink.ended).isNotDone();
  }

  @Test
  void aSendThatFailsEndsTheFeed() throws Exception {
    log.store(1, "agent_message");
    Recorder sink = new Recorder() {
      @Override
      public CompletableFuture<Void> send(long seq, String type, String envelopeJson) {
        return CompletableFuture.failedFuture(new java.io.IOException("client went away"));
      }
    };
    feed(0, sink, 16).start();

    assertThat(sink.awaitEnd()).isEqualTo(FeedEnd.FAILED);
    assertThat(sink.lastSeq).isZero();
  }
}
