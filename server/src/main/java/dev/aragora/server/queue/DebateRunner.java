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
import dev.aragora.server.config.QueueConfig;
import dev.aragora.server.store.DebateLeases;
import dev.aragora.server.store.DebateLeases.Claim;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.store.EventLog;
import dev.aragora.server.store.LeaseLostException;
import dev.aragora.server.store.StoreException;
import dev.aragora.server.stream.PublishingEventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs debates from the queue in the database, which every instance on that database shares.
 * Admitted debates wait there as {@code queued}, in admission order; each instance claims them
 * ({@link DebateLeases}) while it has fewer than {@code maxConcurrent} running, runs each on a
 * virtual thread under a lease it renews, and stores the result. A debate whose instance died is
 * claimed again once its lease expires and continues from its stored events ({@link Arena#resume});
 * so is one an instance gave back when it stopped.
 *
 * <p>Writes of a run are fenced by its lease: once another instance has taken a debate over, the
 * first one's events and result are refused, and its run is suspended. A run whose event fails to
 * store (the database is down) is suspended too, its lease left to expire, so that the log never has
 * a gap and the debate resumes, here or elsewhere, from what was stored.
 */
public final class DebateRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DebateRunner.class);
  private static final String SHUTTING_DOWN = "server shutting down";
  /** A debate claimed this often without finishing keeps killing its instances: it is failed instead. */
  static final int MAX_ATTEMPTS = 10;

  /** What {@link #cancel} did. */
  public enum Cancellation {
    /** It ran here and was told to stop; it ends cancelled in moments. */
    SIGNALLED,
    /** It runs on another instance, which reads the request within a heartbeat. */
    REQUESTED,
    /** It was waiting and is now cancelled. */
    CANCELLED,
    /** It had already ended. */
    NOT_RUNNING
  }

  /** The engine each debate runs on, by its tenant (whose ratings weigh the votes). */
  private final Function<String, Arena> arenas;
  private final DebateRepository debates;
  private final DebateLeases leases;
  private final PublishingEventLog events;
  private final EventLog stored;
  private final EventCodec codec;
  private final int maxConcurrent;
  private final int maxQueued;
  private final QueueConfig queue;
  private final String owner;
  private final Object lock = new Object();
  private final Object claimLock = new Object();
  private final Semaphore wake = new Semaphore(0);
  private final Map<String, Thread> threads = new ConcurrentHashMap<>();
  private final Map<String, DebateControl> controls = new ConcurrentHashMap<>();
  private final DurationAverage durations = new DurationAverage(Duration.ofSeconds(30));
  private volatile Consumer<String> onEnded = status -> {};
  private volatile Runnable onWaiting = () -> {};
  private final List<Finished> onFinished = new CopyOnWriteArrayList<>();
  private final List<RunListener> onRun = new CopyOnWriteArrayList<>();
  private volatile long lastRenewedNanos = System.nanoTime();
  private Thread scheduler;
  private int reserved;
  private int running;
  private boolean closed;

  /**
   * @param events the engine's sink (stores, then publishes); each run writes through its leased form
   * @param stored the same log, read back to resume debates
   */
  public DebateRunner(Arena arena, DebateRepository debates, DebateLeases leases, PublishingEventLog events,
                      EventLog stored, EventCodec codec, int maxConcurrent, int maxQueued, QueueConfig queue) {
    this(tenant -> arena, debates, leases, events, stored, codec, maxConcurrent, maxQueued, queue);
    requireNonNull(arena, "arena is null");
  }

  /** As the other constructor, each debate on the arena {@code arenas} gives for its tenant. */
  public DebateRunner(Function<String, Arena> arenas, DebateRepository debates, DebateLeases leases,
                      PublishingEventLog events, EventLog stored, EventCodec codec, int maxConcurrent, int maxQueued,
                      QueueConfig queue) {
    this.arenas = requireNonNull(arenas, "arenas is null");
    this.debates = requireNonNull(debates, "debates is null");
    this.leases = requireNonNull(leases, "leases is null");
    this.events = requireNonNull(events, "events is null");
    this.stored = requireNonNull(stored, "stored is null");
    this.codec = requireNonNull(codec, "codec is null");
    if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be at least 1");
    if (maxQueued < 0) throw new IllegalArgumentException("maxQueued must not be negative");
    this.maxConcurrent = maxConcurrent;
    this.maxQueued = maxQueued;
    this.queue = requireNonNull(queue, "queue is null");
    this.owner = queue.instanceId() + "#" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  /** This process's name in leases: the instance id and a random incarnation. */
  public String owner() {
    return owner;
  }

  /**
   * Starts taking debates from the queue. Debates that earlier runs of this instance left running
   * (a crash, or a stop that outlasted its timeout) are taken back at once, ahead of newer ones;
   * those of other instances when their leases expire. Returns how many were taken back.
   */
  public int start() {
    int expired = leases.expireEarlierRuns(queue.instanceId());
    if (expired > 0) LOG.info("{} debates left running by an earlier run of this instance resume now", expired);
    synchronized (lock) {
      if (closed) throw new RunnerClosedException();
      scheduler = Thread.ofPlatform().daemon().name("debate-queue").start(this::schedule);
    }
    claimAvailable();
    return expired;
  }

  /**
   * Admits a new debate: takes a place (or throws {@link QueueFullException} before anything is
   * stored), runs {@code store} to write it as queued, then claims it if a slot here is free.
   * When {@code store} throws, the place is given back.
   */
  public <T> T admit(String id, DebateRequest request, Supplier<T> store) {
    synchronized (lock) {
      if (closed) throw new RunnerClosedException();
      reserved++;
    }
    T result;
    try {
      int waiting = leases.queued();
      synchronized (lock) {
        // Those admitted but not started fill the free slots here first; only the rest wait.
        if (waiting + reserved - Math.max(0, maxConcurrent - running) > maxQueued)
          throw new QueueFullException(maxQueued, retryAfterSeconds());
      }
      result = store.get();
    } finally {
      synchronized (lock) {
        reserved--;
      }
    }
    try {
      claimAvailable();
    } catch (RuntimeException e) {
      LOG.warn("debate {} is queued; claiming it failed for now ({})", id, e.toString());
    }
    boolean waiting;
    synchronized (lock) {
      waiting = running >= maxConcurrent && !controls.containsKey(id);
    }
    if (waiting) {
      try {
        onWaiting.run();
      } catch (RuntimeException e) {
        LOG.warn("debate {} is queued; telling other instances failed ({})", id, e.toString());
      }
    }
    return result;
  }

  /**
   * Tells {@code listener} when a debate admitted here waits because every slot here is taken, so
   * that other instances can be woken to claim it ({@link #wake}) before their next poll.
   */
  public void onWaiting(Runnable listener) {
    this.onWaiting = requireNonNull(listener, "listener is null");
  }

  /** Looks for debates to claim now rather than at the next poll (another instance admitted one). */
  public void wake() {
    wake.release();
  }

  /**
   * Cancels debate {@code id}: a waiting one is cancelled here and now (with a final
   * {@code debate_end} after any events a suspended run left); a running one is told to stop, here
   * at once, on another instance at its next heartbeat.
   */
  public Cancellation cancel(String id, String reason) {
    DebateControl control = controls.get(id);
    if (control != null) {
      control.cancel(reason);
      return Cancellation.SIGNALLED;
    }
    if (debates.updateStatus(id, Set.of(DebateRepository.QUEUED), DebateRepository.CANCELLED, reason)) {
      onEnded.accept(DebateRepository.CANCELLED);
      endEvents(id, DebateRepository.CANCELLED, reason);
      return Cancellation.CANCELLED;
    }
    if (leases.requestCancel(id, reason)) {
      control = controls.get(id); // claimed here meanwhile
      if (control != null) control.cancel(reason);
      return control != null ? Cancellation.SIGNALLED : Cancellation.REQUESTED;
    }
    return Cancellation.NOT_RUNNING;
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
    requireNonNull(listener, "listener is null");
    onFinished.add((tenant, id, result) -> listener.accept(id, result));
  }

  /** A listener told each finished debate's tenant, id and result. */
  @FunctionalInterface
  public interface Finished {
    void accept(String tenant, String id, DebateResult result);
  }

  /** As {@link #onFinished(BiConsumer)}, told the debate's tenant too; listeners run in the order added. */
  public void onFinished(Finished listener) {
    onFinished.add(requireNonNull(listener, "listener is null"));
  }

  /**
   * Adds a listener told when each run of a debate starts here and how it stopped, on the debate's
   * thread; listeners hear the end in the reverse order of the start. An exception it throws is
   * logged, never fails the debate.
   */
  public void onRun(RunListener listener) {
    onRun.add(requireNonNull(listener, "listener is null"));
  }

  /** How many debates run here now. */
  public int running() {
    synchronized (lock) {
      return running;
    }
  }

  /** How many debates wait for a free slot, on every instance. */
  public int queued() {
    return leases.queued();
  }

  /** 1 for the next debate to start, 2 for the one after …; 0 when {@code id} is not waiting. */
  public int queuePosition(String id) {
    return leases.position(id);
  }

  /** The scheduler: renews leases each heartbeat and claims when a slot is free, woken early by local events. */
  private void schedule() {
    long heartbeat = queue.heartbeat().toNanos();
    long nextBeat = System.nanoTime() + heartbeat;
    while (true) {
      try {
        // Never past the next heartbeat: with a poll longer than it, leases would lapse under running debates.
        long untilBeat = Math.max(0, nextBeat - System.nanoTime());
        wake.tryAcquire(Math.min(queue.pollInterval().toNanos(), untilBeat), TimeUnit.NANOSECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
      synchronized (lock) {
        if (closed) return;
      }
      try {
        if (System.nanoTime() - nextBeat >= 0) {
          nextBeat = System.nanoTime() + heartbeat;
          heartbeat();
        }
        claimAvailable();
      } catch (RuntimeException e) {
        LOG.debug("debate queue: {}", e.toString());
      }
    }
  }

  /**
   * Renews the leases of the debates running here; one another instance took over is suspended, one
   * with a cancel request is cancelled. When renewing keeps failing for most of a lease, every run
   * here is suspended before another instance may take it over.
   */
  private void heartbeat() {
    Set<String> mine = Set.copyOf(controls.keySet());
    long now = System.nanoTime();
    if (mine.isEmpty()) {
      lastRenewedNanos = now;
      return;
    }
    Map<String, String> held;
    try {
      held = leases.renew(owner, queue.lease());
    } catch (RuntimeException e) {
      if (now - lastRenewedNanos > queue.lease().toNanos() * 2 / 3) {
        LOG.warn("cannot renew debate leases for {} s ({}); suspending the {} debates here",
            Duration.ofNanos(now - lastRenewedNanos).toSeconds(), e.toString(), mine.size());
        controls.values().forEach(c -> c.suspend("debate lease could not be renewed"));
      }
      return;
    }
    lastRenewedNanos = now;
    for (String id : mine) {
      DebateControl control = controls.get(id);
      if (control == null) continue;
      String cancel = held.get(id);
      if (cancel == null) control.suspend("another instance took the debate over");
      else if (!cancel.isEmpty()) control.cancel(cancel);
    }
  }

  /** Claims as many debates as there are free slots here, and starts them. */
  private void claimAvailable() {
    synchronized (claimLock) {
      int free;
      synchronized (lock) {
        if (closed) return;
        free = maxConcurrent - running;
      }
      if (free <= 0) return;
      List<Claim> claims = leases.claim(owner, free, queue.lease(), Set.copyOf(controls.keySet()));
      if (!claims.isEmpty()) lastRenewedNanos = System.nanoTime();
      for (Claim claim : claims) start(claim);
    }
  }

  private void start(Claim claim) {
    String id = claim.debate().id();
    DebateControl control = new DebateControl();
    synchronized (lock) {
      running++;
      controls.put(id, control);
      if (closed) control.suspend(SHUTTING_DOWN);
      Thread thread = Thread.ofVirtual().name("debate-" + id).unstarted(() -> run(claim, control));
      threads.put(id, thread);
      thread.start();
    }
  }

  private void run(Claim claim, DebateControl control) {
    String id = claim.debate().id();
    Instant started = Instant.now();
    List<Consumer<String>> observers = List.of();
    // What the run listeners hear unless the run gets further.
    String status = DebateStatus.FAILED.wire();
    try {
      if (claim.attempts() > MAX_ATTEMPTS) {
        fail(id, "gave up after " + MAX_ATTEMPTS + " attempts: every instance that ran this debate stopped");
        return;
      }
      DebateRequest request;
      try {
        request = debates.request(claim.debate());
      } catch (RuntimeException e) {
        fail(id, "cannot resume: the stored request is unreadable: " + e.getMessage());
        return;
      }
      if (!claim.cancelReason().isEmpty()) control.cancel(claim.cancelReason());
      boolean resumed = stored.lastSeq(id) > 0;
      observers = runStarted(id, request, resumed);
      if (!resumed) LOG.info("debate {} starts: {} agents, {} rounds, {} consensus", id, request.agents().size(),
          request.rounds(), request.consensus().wire());
      EventSink sink = events.leased(owner, e -> {
        String why = e instanceof LeaseLostException ? "another instance took the debate over"
            : "the event log is unavailable";
        LOG.warn("debate {}: {} ({}); suspending this run", id, why, e.getMessage());
        control.suspend(why);
      });
      String tenant = claim.debate().tenantId();
      DebateResult result = execute(arenas.apply(tenant), id, request, control, resumeReason(claim), sink);
      status = result.status().wire();
      if (result.status() == DebateStatus.SUSPENDED) {
        if (leases.release(id, owner)) LOG.info("debate {} suspended ({}); it is queued again to resume", id,
            result.error());
      } else if (debates.saveResult(id, result, owner)) {
        durations.add(Duration.between(started, Instant.now()));
        LOG.info("debate {} ended {} after {} s", id, status, Math.round(result.durationSeconds() * 10) / 10.0);
        onEnded.accept(result.status().wire());
        finished(tenant, id, result);
      } else {
        status = "superseded";
        LOG.warn("debate {} ended here after another instance took it over; that instance's run stands", id);
      }
    } catch (StoreException e) {
      // The database failed: the lease expires and the debate resumes from what was stored.
      status = DebateStatus.SUSPENDED.wire();
      LOG.warn("debate {}: the store failed ({}); it resumes when its lease expires", id, e.getMessage());
    } catch (RuntimeException e) {
      status = DebateStatus.FAILED.wire();
      LOG.error("debate {} failed", id, e);
      fail(id, "internal error");
    } finally {
      runEnded(id, observers, status);
      controls.remove(id);
      threads.remove(id);
      synchronized (lock) {
        running--;
      }
      wake.release();
    }
  }

  private List<Consumer<String>> runStarted(String id, DebateRequest request, boolean resumed) {
    List<Consumer<String>> observers = new java.util.ArrayList<>(onRun.size());
    for (RunListener listener : onRun) {
      try {
        observers.add(requireNonNull(listener.started(id, request, resumed), "run observer is null"));
      } catch (RuntimeException e) {
        LOG.warn("debate {}: a run listener failed", id, e);
      }
    }
    return observers;
  }

  private static void runEnded(String id, List<Consumer<String>> observers, String status) {
    for (int i = observers.size() - 1; i >= 0; i--) {
      try {
        observers.get(i).accept(status);
      } catch (RuntimeException e) {
        LOG.warn("debate {}: a run listener failed", id, e);
      }
    }
  }

  /** Why a claimed debate with stored events continues (the {@code debate_resumed} reason). */
  private static String resumeReason(Claim claim) {
    if (claim.previousOwner().isEmpty()) return "resumed";
    if (claim.wasRunning()) {
      return claim.previousRunHere() ? "server restarted after a crash"
          : "instance " + claim.previousInstance() + " stopped renewing its lease";
    }
    return claim.previousRunHere() ? "server restarted" : "instance " + claim.previousInstance() + " stopped";
  }

  /** Runs the debate, or continues it from its stored events when it has some. */
  private DebateResult execute(Arena arena, String id, DebateRequest request, DebateControl control,
                               String resumeReason, EventSink sink) {
    List<String> texts = stored.since(id, 0, Integer.MAX_VALUE);
    if (texts.isEmpty()) return arena.run(id, request, sink, control);
    List<EventEnvelope> prior;
    try {
      prior = codec.decodeAll(texts);
    } catch (IllegalArgumentException e) {
      return arena.unresumable(id, request, stored.lastSeq(id), "stored events are unreadable: " + e.getMessage(),
          sink);
    }
    LOG.info("debate {} resumes from {} stored events ({})", id, prior.size(), resumeReason);
    return arena.resume(id, request, prior, sink, control, resumeReason);
  }

  private void finished(String tenant, String id, DebateResult result) {
    for (Finished listener : onFinished) {
      try {
        listener.accept(tenant, id, result);
      } catch (RuntimeException e) {
        LOG.warn("debate {}: a finished-debate listener failed", id, e);
      }
    }
  }

  /** Marks the debate failed and, if its events do not already end, ends them with a failed debate_end. */
  private void fail(String id, String reason) {
    try {
      if (!debates.updateStatus(id, Set.of(DebateRepository.QUEUED, DebateRepository.RUNNING),
          DebateRepository.FAILED, reason)) return;
      onEnded.accept(DebateRepository.FAILED);
      endEvents(id, DebateStatus.FAILED.wire(), reason);
    } catch (RuntimeException again) {
      LOG.error("cannot mark debate {} failed", id, again);
    }
  }

  /** Appends a final debate_end unless the debate's events already end with one. */
  private void endEvents(String id, String status, String reason) {
    long last = stored.lastSeq(id);
    boolean ended = last > 0 && stored.since(id, last - 1, 1).stream().anyMatch(this::isDebateEnd);
    if (!ended) {
      events.accept(new EventEnvelope(id, last + 1, Instant.now(), 0, "",
          new DebateEnded(status, 0, 0, false, 0, 0, reason)));
    }
  }

  private boolean isDebateEnd(String text) {
    try {
      return codec.decode(text).data() instanceof DebateEnded;
    } catch (IllegalArgumentException unreadable) {
      return false;
    }
  }

  /** When a place should free up: with staggered debates, one ends every mean duration ÷ slots. */
  private long retryAfterSeconds() {
    return Math.clamp((long) Math.ceil(durations.seconds() / maxConcurrent), 1, 300);
  }

  /**
   * Stops: no more claims; running debates are suspended (their calls interrupted, no
   * {@code debate_end}) and given back to the queue, where another instance, or this one after a
   * restart, resumes them from their events. Their threads get up to {@code wait} to do so; a
   * debate still running after it keeps its lease until it expires (or this instance restarts).
   */
  public void close(Duration wait) {
    Thread schedulerThread;
    synchronized (lock) {
      closed = true;
      schedulerThread = scheduler;
    }
    wake.release();
    controls.values().forEach(c -> c.suspend(SHUTTING_DOWN));
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      if (schedulerThread != null) schedulerThread.join(Duration.ofSeconds(1));
      for (Thread thread : threads.values()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) break;
        thread.join(Duration.ofNanos(left));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
