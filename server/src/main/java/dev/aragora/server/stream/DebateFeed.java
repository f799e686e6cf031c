package dev.aragora.server.stream;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's view of one debate: every event after {@code since}, each exactly once and in
 * seq order, first replayed from the event log and then live from the bus.
 *
 * <p>It subscribes to the bus before it reads the log, so nothing published meanwhile is missed.
 * While replaying it only notes the highest live seq (those events are in the log already) and
 * reads the log up to there when the replay is done; after that, live events go through a bounded
 * queue, and a gap in them (seq &gt; last + 1) is filled from the log. All reading and delivering
 * happens on a drain task started on demand on the executor, so the publisher (the debate's
 * thread) only enqueues, and an idle feed holds no thread. When the queue overflows the feed ends
 * with {@link FeedEnd#TOO_SLOW}. After debate_end is delivered it ends with
 * {@link FeedEnd#DEBATE_ENDED}.
 */
public final class DebateFeed implements EventBus.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DebateFeed.class);
  static final int PAGE = 200;
  static final String DEBATE_END = "debate_end";

  private final String debateId;
  private final EventBus bus;
  private final StoredEvents log;
  private final BooleanSupplier debateFinished;
  private final Executor executor;
  private final int capacity;
  private final Duration sendTimeout;
  private final FeedSink sink;

  private final Queue<StoredEvent> live = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger drainRequests = new AtomicInteger();
  private final AtomicLong highestPublished = new AtomicLong();
  private final AtomicReference<Object> end = new AtomicReference<>();
  /** Held while an event is handed to the sink, so that after {@link #close()} returns nothing more is sent. */
  private final ReentrantLock handing = new ReentrantLock();
  private volatile boolean replaying = true;
  private volatile boolean overflowed;
  private volatile boolean finishCheckWanted;
  private volatile EventBus.Subscription subscription;

  // only touched by the drain task, which never runs twice at once
  private long delivered;

  DebateFeed(String debateId, long since, EventBus bus, StoredEvents log, BooleanSupplier debateFinished,
             Executor executor, int capacity, Duration sendTimeout, FeedSink sink) {
    this.debateId = requireNonNull(debateId, "debateId is null");
    if (since < 0) throw new IllegalArgumentException("since must not be negative");
    this.delivered = since;
    this.bus = requireNonNull(bus, "bus is null");
    this.log = requireNonNull(log, "log is null");
    this.debateFinished = requireNonNull(debateFinished, "debateFinished is null");
    this.executor = requireNonNull(executor, "executor is null");
    if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
    this.capacity = capacity;
    this.sendTimeout = requireNonNull(sendTimeout, "sendTimeout is null");
    this.sink = requireNonNull(sink, "sink is null");
  }

  /** Subscribes to live events, then starts the replay; returns at once. */
  DebateFeed start() {
    subscription = bus.subscribe(debateId, this);
    if (end.get() != null) subscription.close();
    requestDrain();
    return this;
  }

  public String debateId() {
    return debateId;
  }

  /** Called on the publisher's thread: only records or enqueues the event. */
  @Override
  public void onEvent(long seq, String type, String envelopeJson) {
    if (end.get() != null || overflowed) return;
    if (replaying) {
      highestPublished.accumulateAndGet(seq, Math::max);
      // The drain clears the flag before it reads highestPublished, so if it is still set the drain sees this seq.
      if (replaying) return;
    }
    if (queued.incrementAndGet() > capacity) {
      overflowed = true;
    } else {
      live.add(new StoredEvent(seq, type, envelopeJson));
    }
    requestDrain();
  }

  /** Asks the feed to end if the debate is over (for debates that stopped without a debate_end event). */
  public void checkFinished() {
    finishCheckWanted = true;
    requestDrain();
  }

  /** Stops the feed without telling the sink; once this returns, the sink is handed no more events. */
  @Override
  public void close() {
    handing.lock();
    try {
      end.compareAndSet(null, "closed");
    } finally {
      handing.unlock();
    }
    release();
  }

  public boolean isOpen() {
    return end.get() == null;
  }

  /** True once the replay is over and live events are being followed. */
  boolean isLive() {
    return !replaying && end.get() == null;
  }

  private void requestDrain() {
    if (drainRequests.getAndIncrement() == 0) {
      try {
        executor.execute(this::drain);
      } catch (RuntimeException e) {
        drainRequests.set(0);
        finish(FeedEnd.FAILED);
        LOG.warn("cannot start the feed of debate {}: {}", debateId, e.toString());
      }
    }
  }

  private void drain() {
    int requests = drainRequests.get();
    while (true) {
      try {
        drainOnce();
      } catch (RuntimeException e) {
        LOG.warn("feed of debate {} failed after seq {}", debateId, delivered, e);
        finish(FeedEnd.FAILED);
      }
      requests = drainRequests.addAndGet(-requests);
      if (requests == 0) return;
    }
  }

  private void drainOnce() {
    if (end.get() != null) {
      release();
      return;
    }
    if (replaying) {
      boolean finishedBefore = debateFinished.getAsBoolean();
      if (!catchUp(Long.MAX_VALUE)) return;
      replaying = false;
      if (!catchUp(highestPublished.get())) return;
      if (finishedBefore) {
        finish(FeedEnd.DEBATE_ENDED);
        return;
      }
    }
    StoredEvent event;
    while (!overflowed && end.get() == null && (event = live.poll()) != null) {
      queued.decrementAndGet();
      if (event.seq() <= delivered) continue;
      if (event.seq() > delivered + 1) {
        if (!catchUp(event.seq())) return;
        if (event.seq() <= delivered) continue;
        LOG.warn("debate {}: events {}..{} are missing from the log", debateId, delivered + 1, event.seq() - 1);
      }
      if (!deliver(event)) return;
    }
    if (overflowed) {
      finish(FeedEnd.TOO_SLOW);
      return;
    }
    if (finishCheckWanted && end.get() == null) {
      finishCheckWanted = false;
      if (debateFinished.getAsBoolean() && catchUp(Long.MAX_VALUE)) finish(FeedEnd.DEBATE_ENDED);
    }
  }

  /** Delivers stored events after the last delivered one up to {@code upTo}; false once the feed has ended. */
  private boolean catchUp(long upTo) {
    while (delivered < upTo && end.get() == null) {
      int limit = (int) Math.min(PAGE, upTo - delivered);
      List<String> page = log.since(debateId, delivered, limit);
      for (String json : page) {
        StoredEvent event = StoredEvent.parse(json);
        if (event.seq() > delivered && !deliver(event)) return false;
      }
      if (page.size() < limit) break;
    }
    return end.get() == null;
  }

  private boolean deliver(StoredEvent event) {
    CompletableFuture<Void> sent;
    handing.lock();
    try {
      if (end.get() != null) return false;
      sent = sink.send(event.seq(), event.type(), event.json());
    } finally {
      handing.unlock();
    }
    try {
      sent.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      finish(FeedEnd.TOO_SLOW);
      return false;
    } catch (ExecutionException e) {
      finish(FeedEnd.FAILED);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finish(FeedEnd.FAILED);
      return false;
    }
    delivered = event.seq();
    if (DEBATE_END.equals(event.type())) {
      finish(FeedEnd.DEBATE_ENDED);
      return false;
    }
    return true;
  }

  private void finish(FeedEnd reason) {
    if (!end.compareAndSet(null, reason)) return;
    release();
    sink.ended(reason, delivered);
  }

  private void release() {
    EventBus.Subscription current = subscription;
    if (current != null) current.close();
    live.clear();
  }
}
