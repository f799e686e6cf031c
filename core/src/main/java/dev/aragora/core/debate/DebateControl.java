package dev.aragora.core.debate;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * Lets another thread cancel a running debate. Cancelling interrupts the agent calls in flight; the
 * debate then ends with status {@code cancelled} and a {@code debate_end} event.
 */
public final class DebateControl {
  private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<Runnable> wakers = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;
  private volatile String reason = "";

  public void cancel(String why) {
    reason = why == null ? "" : why;
    cancelled = true;
    inFlight.forEach(f -> f.cancel(true));
    wakers.forEach(Runnable::run);
  }

  public boolean isCancelled() {
    return cancelled;
  }

  public String reason() {
    return reason;
  }

  void track(Future<?> future) {
    inFlight.add(future);
    if (cancelled) future.cancel(true);
  }

  void untrack(Future<?> future) {
    inFlight.remove(future);
  }

  /** Runs {@code waker} on cancel (at once if already cancelled), to release a waiting debate thread. */
  void onCancel(Runnable waker) {
    wakers.add(waker);
    if (cancelled) waker.run();
  }

  void removeOnCancel(Runnable waker) {
    wakers.remove(waker);
  }
}
