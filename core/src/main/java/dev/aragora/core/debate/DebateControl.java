package dev.aragora.core.debate;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * Lets another thread stop a running debate, in one of two ways. {@link #cancel} ends it: the agent
 * calls in flight are interrupted and the debate ends with status {@code cancelled} and a
 * {@code debate_end} event. {@link #suspend} checkpoints it: the calls are interrupted the same
 * way, but no {@code debate_end} is emitted and the run returns status {@code suspended}, so that
 * {@link Arena#resume} can continue it later from its events. A cancel wins over a suspend.
 */
public final class DebateControl {
  private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<Runnable> wakers = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;
  private volatile boolean suspended;
  private volatile String reason = "";

  public void cancel(String why) {
    reason = why == null ? "" : why;
    cancelled = true;
    stop();
  }

  /** Stops the debate at once without ending it: it returns {@link DebateStatus#SUSPENDED}. */
  public void suspend(String why) {
    if (cancelled) return;
    reason = why == null ? "" : why;
    suspended = true;
    stop();
  }

  private void stop() {
    inFlight.forEach(f -> f.cancel(true));
    wakers.forEach(Runnable::run);
  }

  public boolean isCancelled() {
    return cancelled;
  }

  public boolean isSuspended() {
    return suspended && !cancelled;
  }

  private boolean isStopped() {
    return cancelled || suspended;
  }

  public String reason() {
    return reason;
  }

  void track(Future<?> future) {
    inFlight.add(future);
    if (isStopped()) future.cancel(true);
  }

  void untrack(Future<?> future) {
    inFlight.remove(future);
  }

  /** Runs {@code waker} on cancel or suspend (at once if already stopped), to release a waiting debate thread. */
  void onCancel(Runnable waker) {
    wakers.add(waker);
    if (isStopped()) waker.run();
  }

  void removeOnCancel(Runnable waker) {
    wakers.remove(waker);
  }
}
