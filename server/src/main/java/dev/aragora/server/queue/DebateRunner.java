package dev.aragora.server.queue;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.debate.Arena;
import dev.aragora.core.debate.DebateControl;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.event.DebateEnded;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.EventSink;
import dev.aragora.server.store.DebateRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs stored debates, each on its own virtual thread, at most {@code maxConcurrent} at once. The
 * others wait in a FIFO queue of at most {@code maxQueued} with status {@code queued}, and start in
 * the order they were admitted. A debate moves to {@code running} when it starts and to its final
 * status when the engine returns.
 */
public final class DebateRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DebateRunner.class);

  private record Job(String id, DebateRequest request) {}

  /** What {@link #cancel} did. */
  public enum Cancellation { REMOVED_FROM_QUEUE, SIGNALLED, NOT_HERE }

  private final Arena arena;
  private final DebateRepository debates;
  private final EventSink events;
  private final int maxConcurrent;
  private final int maxQueued;
  private final Object lock = new Object();
  private final Deque<Job> waiting = new ArrayDeque<>();
  private final Map<String, Thread> threads = new ConcurrentHashMap<>();
  private final Map<String, DebateControl> controls = new ConcurrentHashMap<>();
  private final DurationAverage durations = new DurationAverage(Duration.ofSeconds(30));
  private volatile Consumer<String> onEnded = status -> {};
  private int reserved;
  private int running;
  private boolean closed;

  public DebateRunner(Arena arena, DebateRepository debates, EventSink events, int maxConcurrent, int maxQueued) {
    this.arena = requireNonNull(arena, "arena is null");
    this.debates = requireNonNull(debates, "debates is null");
    // the engine already keeps a failing sink from failing the debate (and logs it)
    this.events = requireNonNull(events, "events is null");
    if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be at least 1");
    if (maxQueued < 0) throw new IllegalArgumentException("maxQueued must not be negative");
    this.maxConcurrent = maxConcurrent;
    this.maxQueued = maxQueued;
  }

  /**
   * Admits a new debate: takes a place (or throws {@link QueueFullException} before anything is
   * stored), runs {@code store} to write it, then queues it. When {@code store} throws, the place
   * is given back and nothing is queued.
   */
  public <T> T admit(String id, DebateRequest request, Supplier<T> store) {
    synchronized (lock) {
      if (closed) throw new IllegalStateException("the runner is shutting down");
      // Those admitted but not started fill the free slots first; only the rest wait in the queue.
      int wouldWait = waiting.size() + reserved + 1 - Math.max(0, maxConcurrent - running);
      if (wouldWait > maxQueued) {
        throw new QueueFullException(maxQueued, retryAfterSeconds());
      }
      reserved++;
    }
    T stored;
    try {
      stored = store.get();
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        reserved--;
      }
      throw e;
    }
    synchronized (lock) {
      reserved--;
      waiting.addLast(new Job(id, request));
      dispatch();
    }
    return stored;
  }

  /** Queues an already stored debate (recovery at start), behind those already waiting; no capacity check. */
  public void resubmit(String id, DebateRequest request) {
    synchronized (lock) {
      if (closed) throw new IllegalStateException("the runner is shutting down");
      waiting.addLast(new Job(id, request));
      dispatch();
    }
  }

  /**
   * Cancels debate {@code id} if this runner holds it: a queued one leaves the queue at once (the
   * caller records it), a running one is signalled and ends with status cancelled.
   */
  public Cancellation cancel(String id, String reason) {
    synchronized (lock) {
      if (waiting.removeIf(job -> job.id().equals(id))) return Cancellation.REMOVED_FROM_QUEUE;
    }
    DebateControl control = controls.get(id);
    if (control == null) return Cancellation.NOT_HERE;
    control.cancel(reason);
    return Cancellation.SIGNALLED;
  }

  /** Tells {@code listener} the final status of each debate this runner ends (for metrics). */
  public void onEnded(Consumer<String> listener) {
    this.onEnded = requireNonNull(listener, "listener is null");
  }

  /** How many debates are running now (not counting queued ones). */
  public int running() {
    synchronized (lock) {
      return running;
    }
  }

  /** How many debates wait for a free slot. */
  public int queued() {
    synchronized (lock) {
      return waiting.size();
    }
  }

  /** 1 for the next debate to start, 2 for the one after …; 0 when {@code id} is not waiting here. */
  public int queuePosition(String id) {
    synchronized (lock) {
      int position = 1;
      for (Job job : waiting) {
        if (job.id().equals(id)) return position;
        position++;
      }
      return 0;
    }
  }

  /** When a place should free up: with staggered debates, one ends every mean duration ÷ slots. */
  private long retryAfterSeconds() {
    return Math.clamp((long) Math.ceil(durations.seconds() / maxConcurrent), 1, 300);
  }

  private void dispatch() {
    while (!closed && running < maxConcurrent && !waiting.isEmpty()) {
      Job job = waiting.removeFirst();
      running++;
      DebateControl control = new DebateControl();
      controls.put(job.id(), control);
      Thread thread = Thread.ofVirtual().name("debate-" + job.id()).unstarted(() -> run(job, control));
      threads.put(job.id(), thread);
      thread.start();
    }
  }

  private void run(Job job, DebateControl control) {
    String id = job.id();
    Instant started = Instant.now();
    try {
      if (!debates.updateStatus(id, Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING)) return;
      DebateResult result = arena.run(id, job.request(), events, control);
      debates.saveResult(id, result);
      durations.add(Duration.between(started, Instant.now()));
      onEnded.accept(result.status().wire());
    } catch (RuntimeException e) {
      LOG.error("debate {} failed", id, e);
      try {
        debates.updateStatus(id, Set.of(DebateRepository.QUEUED, DebateRepository.RUNNING), DebateRepository.FAILED,
            "internal error");
        onEnded.accept(DebateRepository.FAILED);
      } catch (RuntimeException again) {
        LOG.error("cannot mark debate {} failed", id, again);
      }
    } finally {
      controls.remove(id);
      threads.remove(id);
      synchronized (lock) {
        running--;
        dispatch();
      }
    }
  }

  /**
   * Records a debate that ended without running (cancelled while queued): a final status and one
   * debate_end event, so that streams watching it finish too.
   */
  public void endUnstarted(String id, String status, String reason) {
    if (debates.updateStatus(id, Set.of(DebateRepository.QUEUED), status, reason)) {
      onEnded.accept(status);
      events.accept(new EventEnvelope(id, 1, Instant.now(), 0, "",
          new DebateEnded(status, 0, 0, false, 0, 0, reason)));
    }
  }

  /**
   * Stops: queued debates stay queued, running ones are cancelled (recorded as cancelled), and
   * their threads get up to {@code wait} to finish.
   */
  public void close(Duration wait) {
    synchronized (lock) {
      closed = true;
    }
    controls.values().forEach(c -> c.cancel("server shutting down"));
    long deadline = System.nanoTime() + wait.toNanos();
    for (Thread thread : threads.values()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) break;
      try {
        thread.join(Duration.ofNanos(left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
