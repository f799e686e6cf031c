package dev.aragora.server.queue;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.debate.Arena;
import dev.aragora.core.debate.DebateControl;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.event.DebateEnded;
import dev.aragora.core.debate.event.EventCodec;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.EventSink;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.store.EventLog;
import dev.aragora.server.store.StoredDebate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs stored debates, each on its own virtual thread, at most {@code maxConcurrent} at once. The
 * others wait in a FIFO queue of at most {@code maxQueued} with status {@code queued}, and start in
 * the order they were admitted. A debate moves to {@code running} when it starts and to its final
 * status when the engine returns.
 *
 * <p>A debate with stored events (one that ran before the process stopped) continues from them
 * ({@link Arena#resume}). On {@link #close(Duration)} running debates are suspended, not cancelled:
 * they go back to {@code queued} and {@link #recover()} queues them again at the next start,
 * together with those the stop left {@code running} (a crash).
 */
public final class DebateRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DebateRunner.class);
  private static final String SHUTTING_DOWN = "server shutting down";

  private record Job(String id, DebateRequest request, String resumeReason) {}

  /** What {@link #cancel} did. */
  public enum Cancellation { REMOVED_FROM_QUEUE, SIGNALLED, NOT_HERE }

  private final Arena arena;
  private final DebateRepository debates;
  private final EventSink events;
  private final EventLog stored;
  private final EventCodec codec;
  private final int maxConcurrent;
  private final int maxQueued;
  private final Object lock = new Object();
  private final Deque<Job> waiting = new ArrayDeque<>();
  private final Map<String, Thread> threads = new ConcurrentHashMap<>();
  private final Map<String, DebateControl> controls = new ConcurrentHashMap<>();
  private final DurationAverage durations = new DurationAverage(Duration.ofSeconds(30));
  private volatile Consumer<String> onEnded = status -> {};
  private final List<BiConsumer<String, DebateResult>> onFinished = new CopyOnWriteArrayList<>();
  private int reserved;
  private int running;
  private boolean closed;

  /**
   * @param events the engine's sink (stores, then publishes)
   * @param stored the same log, read back to resume debates
   */
  public DebateRunner(Arena arena, DebateRepository debates, EventSink events, EventLog stored, EventCodec codec,
                      int maxConcurrent, int maxQueued) {
    this.arena = requireNonNull(arena, "arena is null");
    this.debates = requireNonNull(debates, "debates is null");
    // the engine already keeps a failing sink from failing the debate (and logs it)
    this.events = requireNonNull(events, "events is null");
    this.stored = requireNonNull(stored, "stored is null");
    this.codec = requireNonNull(codec, "codec is null");
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
      if (closed) throw new RunnerClosedException();
      // Those admitted but not started fill the free slots first; only the rest wait in the queue.
      int wouldWait = waiting.size() + reserved + 1 - Math.max(0, maxConcurrent - running);
      if (wouldWait > maxQueued) throw new QueueFullException(maxQueued, retryAfterSeconds());
      reserved++;
    }
    T result;
    try {
      result = store.get();
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        reserved--;
      }
      throw e;
    }
    synchronized (lock) {
      reserved--;
      // Closed meanwhile: the stored debate stays queued and runs after the next start.
      if (!closed) enqueue(new Job(id, request, ""));
    }
    return result;
  }

  /**
   * Queues again, in queue order, every debate the last process left {@code queued} or
   * {@code running}; each resumes from its stored events, or starts if it has none. A debate whose
   * request cannot be read is marked failed, with a final {@code debate_end} event. Not bounded by
   * the queue's size: these were admitted before. Returns how many were queued or failed.
   */
  public int recover() {
    List<StoredDebate> found = new ArrayList<>(debates.findByStatus(DebateRepository.RUNNING));
    found.addAll(debates.findByStatus(DebateRepository.QUEUED));
    found.sort(Comparator.comparingLong(StoredDebate::queueSeq));
    for (StoredDebate debate : found) {
      boolean crashed = DebateRepository.RUNNING.equals(debate.status());
      if (crashed && !debates.updateStatus(debate.id(), Set.of(DebateRepository.RUNNING), DebateRepository.QUEUED))
        continue;
      DebateRequest request;
      try {
        request = debates.request(debate);
      } catch (RuntimeException e) {
        fail(debate.id(), "cannot resume: the stored request is unreadable: " + e.getMessage());
        continue;
      }
      synchronized (lock) {
        if (closed || holds(debate.id())) continue;
        LOG.info("debate {} was {} when the server stopped; queueing it again", debate.id(), debate.status());
        enqueue(new Job(debate.id(), request, crashed ? "server restarted after a crash" : "server restarted"));
      }
    }
    return found.size();
  }

  /**
   * Cancels debate {@code id} if this runner holds it: a queued one leaves the queue at once (the
   * caller records it with {@link #endUnstarted}), a running one is signalled and ends cancelled.
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

  /**
   * Records a debate that ended while queued (cancelled): a final status and a debate_end event
   * after any it already has (a suspended debate has some), so that streams watching it finish too.
   */
  public void endUnstarted(String id, String status, String reason) {
    if (debates.updateStatus(id, Set.of(DebateRepository.QUEUED), status, reason)) {
      onEnded.accept(status);
      events.accept(new EventEnvelope(id, stored.lastSeq(id) + 1, Instant.now(), 0, "",
          new DebateEnded(status, 0, 0, false, 0, 0, reason)));
    }
  }

  /** Tells {@code listener} the final status of each debate this runner ends (for metrics). */
  public void onEnded(Consumer<String> listener) {
    this.onEnded = requireNonNull(listener, "listener is null");
  }

  /**
   * Adds a listener told each debate's id and result after the result is stored (not for suspended
   * debates). It runs on the debate's thread; an exception it throws is logged, never fails the debate.
   */
  public void onFinished(BiConsumer<String, DebateResult> listener) {
    onFinished.add(requireNonNull(listener, "listener is null"));
  }

  private void finished(String id, DebateResult result) {
    for (BiConsumer<String, DebateResult> listener : onFinished) {
      try {
        listener.accept(id, result);
      } catch (RuntimeException e) {
        LOG.warn("debate {}: a finished-debate listener failed", id, e);
      }
    }
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

  private boolean holds(String id) {
    return threads.containsKey(id) || waiting.stream().anyMatch(job -> job.id().equals(id));
  }

  private void enqueue(Job job) {
    waiting.addLast(job);
    dispatch();
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
      DebateResult result = execute(id, job.request(), control, job.resumeReason());
      if (result.status() == DebateStatus.SUSPENDED) {
        debates.updateStatus(id, Set.of(DebateRepository.RUNNING), DebateRepository.QUEUED);
        LOG.info("debate {} suspended ({}); it resumes from its events at the next start", id, result.error());
      } else {
        boolean saved = debates.saveResult(id, result);
        durations.add(Duration.between(started, Instant.now()));
        onEnded.accept(result.status().wire());
        if (saved) finished(id, result);
      }
    } catch (RuntimeException e) {
      LOG.error("debate {} failed", id, e);
      fail(id, "internal error");
    } finally {
      controls.remove(id);
      threads.remove(id);
      synchronized (lock) {
        running--;
        dispatch();
      }
    }
  }

  /** Runs the debate, or continues it from its stored events when it has some. */
  private DebateResult execute(String id, DebateRequest request, DebateControl control, String resumeReason) {
    List<String> texts = stored.since(id, 0, Integer.MAX_VALUE);
    if (texts.isEmpty()) return arena.run(id, request, events, control);
    List<EventEnvelope> prior;
    try {
      prior = codec.decodeAll(texts);
    } catch (IllegalArgumentException e) {
      return arena.unresumable(id, request, stored.lastSeq(id), "stored events are unreadable: " + e.getMessage(),
          events);
    }
    LOG.info("debate {} resumes from {} stored events", id, prior.size());
    return arena.resume(id, request, prior, events, control, resumeReason.isEmpty() ? "resumed" : resumeReason);
  }

  /** Marks the debate failed and, if its events do not already end, ends them with a failed debate_end. */
  private void fail(String id, String reason) {
    try {
      if (!debates.updateStatus(id, Set.of(DebateRepository.QUEUED, DebateRepository.RUNNING),
          DebateRepository.FAILED, reason)) return;
      onEnded.accept(DebateRepository.FAILED);
      long last = stored.lastSeq(id);
      boolean ended = last > 0 && stored.since(id, last - 1, 1).stream().anyMatch(this::isDebateEnd);
      if (!ended) {
        events.accept(new EventEnvelope(id, last + 1, Instant.now(), 0, "",
            new DebateEnded(DebateStatus.FAILED.wire(), 0, 0, false, 0, 0, reason)));
      }
    } catch (RuntimeException again) {
      LOG.error("cannot mark debate {} failed", id, again);
    }
  }

  private boolean isDebateEnd(String text) {
    try {
      return codec.decode(text).data() instanceof DebateEnded;
    } catch (IllegalArgumentException unreadable) {
      return false;
    }
  }

  /**
   * Stops: queued debates stay queued; running ones are suspended (their calls interrupted, no
   * {@code debate_end}) and go back to {@code queued}, to resume from their events at the next
   * start. Their threads get up to {@code wait} to do so; a debate still running after it stays
   * {@code running} in the store and is resumed as after a crash.
   */
  public void close(Duration wait) {
    synchronized (lock) {
      closed = true;
    }
    controls.values().forEach(c -> c.suspend(SHUTTING_DOWN));
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
