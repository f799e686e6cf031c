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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs stored debates, each on its own virtual thread, at most {@code maxConcurrent} at once. The
 * others wait on a fair semaphore with status {@code queued}; a debate moves to {@code running}
 * when it gets a permit and to its final status when the engine returns.
 *
 * <p>A debate with stored events (one that ran before the process stopped) continues from them
 * ({@link Arena#resume}). On {@link #close(Duration)} running debates are suspended, not cancelled:
 * they go back to {@code queued} and {@link #recover()} submits them again at the next start,
 * together with those the stop left {@code running} (a crash).
 */
public final class DebateRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DebateRunner.class);
  private static final String SHUTTING_DOWN = "server shutting down";

  private final Arena arena;
  private final DebateRepository debates;
  private final EventSink events;
  private final EventLog stored;
  private final EventCodec codec;
  private final Semaphore permits;
  private final AtomicInteger running = new AtomicInteger();
  private final Map<String, Thread> threads = new ConcurrentHashMap<>();
  private final Map<String, DebateControl> controls = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param events the engine's sink (stores, then publishes)
   * @param stored the same log, read back to resume debates
   */
  public DebateRunner(Arena arena, DebateRepository debates, EventSink events, EventLog stored, EventCodec codec,
                      int maxConcurrent) {
    this.arena = requireNonNull(arena, "arena is null");
    this.debates = requireNonNull(debates, "debates is null");
    // the engine already keeps a failing sink from failing the debate (and logs it)
    this.events = requireNonNull(events, "events is null");
    this.stored = requireNonNull(stored, "stored is null");
    this.codec = requireNonNull(codec, "codec is null");
    this.permits = new Semaphore(maxConcurrent, true);
  }

  /** Starts the stored, queued debate {@code id}; returns at once. While shutting down it stays queued. */
  public void submit(String id, DebateRequest request) {
    start(id, request, "");
  }

  private void start(String id, DebateRequest request, String resumeReason) {
    if (closed) {
      LOG.info("debate {} stays queued: the server is shutting down; it runs after the next start", id);
      return;
    }
    Thread thread = Thread.ofVirtual().name("debate-" + id).unstarted(() -> run(id, request, resumeReason));
    threads.put(id, thread);
    thread.start();
  }

  /**
   * Submits again, in queue order, every debate the last process left {@code queued} or
   * {@code running}; each resumes from its stored events, or starts if it has none. A debate whose
   * request cannot be read is marked failed, with a final {@code debate_end} event. Returns how
   * many were submitted or failed.
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
      LOG.info("debate {} was {} when the server stopped; {}", debate.id(), debate.status(),
          threads.containsKey(debate.id()) ? "already running" : "submitting it again");
      if (!threads.containsKey(debate.id()))
        start(debate.id(), request, crashed ? "server restarted after a crash" : "server restarted");
    }
    return found.size();
  }

  /** How many debates are running now (not counting queued ones). */
  public int running() {
    return running.get();
  }

  private void run(String id, DebateRequest request, String resumeReason) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      threads.remove(id);
      return; // shutting down: the debate stays queued
    }
    DebateControl control = new DebateControl();
    controls.put(id, control);
    running.incrementAndGet();
    try {
      if (closed) return; // stays queued
      if (!debates.updateStatus(id, Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING)) return;
      if (closed) control.suspend(SHUTTING_DOWN);
      DebateResult result = execute(id, request, control, resumeReason);
      if (result.status() == DebateStatus.SUSPENDED) {
        debates.updateStatus(id, Set.of(DebateRepository.RUNNING), DebateRepository.QUEUED);
        LOG.info("debate {} suspended ({}); it resumes from its events at the next start", id, result.error());
      } else {
        debates.saveResult(id, result);
      }
    } catch (RuntimeException e) {
      LOG.error("debate {} failed", id, e);
      fail(id, "internal error");
    } finally {
      running.decrementAndGet();
      controls.remove(id);
      threads.remove(id);
      permits.release();
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
      debates.updateStatus(id, Set.of(DebateRepository.QUEUED, DebateRepository.RUNNING), DebateRepository.FAILED,
          reason);
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
    closed = true;
    controls.values().forEach(c -> c.suspend(SHUTTING_DOWN));
    threads.values().forEach(t -> {
      if (!controls.containsKey(t.getName().substring("debate-".length()))) t.interrupt();
    });
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
