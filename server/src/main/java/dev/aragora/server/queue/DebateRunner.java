package dev.aragora.server.queue;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.debate.Arena;
import dev.aragora.core.debate.DebateControl;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.event.EventSink;
import dev.aragora.server.store.DebateRepository;
import java.time.Duration;
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
 */
public final class DebateRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DebateRunner.class);

  private final Arena arena;
  private final DebateRepository debates;
  private final EventSink events;
  private final Semaphore permits;
  private final AtomicInteger running = new AtomicInteger();
  private final Map<String, Thread> threads = new ConcurrentHashMap<>();
  private final Map<String, DebateControl> controls = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public DebateRunner(Arena arena, DebateRepository debates, EventSink events, int maxConcurrent) {
    this.arena = requireNonNull(arena, "arena is null");
    this.debates = requireNonNull(debates, "debates is null");
    // the engine already keeps a failing sink from failing the debate (and logs it)
    this.events = requireNonNull(events, "events is null");
    this.permits = new Semaphore(maxConcurrent, true);
  }

  /** Starts the stored, queued debate {@code id}; returns at once. */
  public void submit(String id, DebateRequest request) {
    if (closed) throw new IllegalStateException("the runner is shutting down");
    Thread thread = Thread.ofVirtual().name("debate-" + id).unstarted(() -> run(id, request));
    threads.put(id, thread);
    thread.start();
  }

  /** How many debates are running now (not counting queued ones). */
  public int running() {
    return running.get();
  }

  private void run(String id, DebateRequest request) {
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
      if (!debates.updateStatus(id, Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING)) return;
      DebateResult result = arena.run(id, request, events, control);
      debates.saveResult(id, result);
    } catch (RuntimeException e) {
      LOG.error("debate {} failed", id, e);
      try {
        debates.updateStatus(id, Set.of(DebateRepository.QUEUED, DebateRepository.RUNNING), DebateRepository.FAILED,
            "internal error");
      } catch (RuntimeException again) {
        LOG.error("cannot mark debate {} failed", id, again);
      }
    } finally {
      running.decrementAndGet();
      controls.remove(id);
      threads.remove(id);
      permits.release();
    }
  }

  /**
   * Stops: queued debates stay queued, running ones are cancelled (recorded as cancelled), and
   * their threads get up to {@code wait} to finish.
   */
  public void close(Duration wait) {
    closed = true;
    controls.values().forEach(c -> c.cancel("server shutting down"));
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
