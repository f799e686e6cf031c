package dev.aragora.core.provider.resilience;

import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.ProviderException;
import java.time.Duration;

/**
 * Observes calls through the resilience stack: one listener per built provider (that is, per
 * agent). All methods default to no-ops. Metrics libraries live outside core and adapt this.
 *
 * <p>For one call the order is: {@code callStart}, then per attempt either {@code attemptSucceeded}
 * or {@code attemptFailed} (followed by {@code retryDecision} when it is retried), possibly
 * {@code fallbackUsed} followed by the fallback's attempts, and finally exactly one of
 * {@code callEnd}, {@code callFailed} or {@code callCanceled}. All events of one call are delivered
 * in that order on the thread that called the provider; concurrent calls of the same agent
 * interleave theirs, so implementations must be thread-safe. Each attempt is also reported, with
 * its provider and timing, by {@code attemptEnded}, right after {@code attemptSucceeded} or
 * {@code attemptFailed}.
 */
public interface ProviderEventListener {
  ProviderEventListener NONE = new ProviderEventListener() {};

  default void callStart(ChatRequest request) {}

  /** Attempt {@code attempt} (1-based, restarting at 1 for the fallback) failed. */
  default void attemptFailed(ChatRequest request, int attempt, ProviderException failure) {}

  /** Attempt {@code attempt} failed and will be retried after {@code delay}. */
  default void retryDecision(ChatRequest request, int attempt, Duration delay) {}

  /** The primary failed with {@code reason} (an {@link ProviderException#errorType()}). */
  default void fallbackUsed(String fromProvider, String toProvider, String toModel, String reason) {}

  /** An attempt got a reply, priced with the {@link dev.aragora.core.provider.CostModel}. */
  default void attemptSucceeded(ChatRequest request, ChatResponse response, double costUsd) {}

  /**
   * An attempt ended, successfully or not: which provider it went to, when it started and how long
   * it took (metrics and traces use it). Follows that attempt's {@code attemptSucceeded} or
   * {@code attemptFailed}.
   */
  default void attemptEnded(Attempt attempt) {}

  default void callEnd(ChatRequest request, ChatResponse response) {}

  /** The call failed after retries and fallback; {@code failure} carries earlier ones as suppressed. */
  default void callFailed(ChatRequest request, ProviderException failure) {}

  /** The calling thread was interrupted; the call was abandoned. */
  default void callCanceled(ChatRequest request) {}

  /** A listener that tells {@code a}, then {@code b}, every event; {@link #NONE} or null is left out. */
  static ProviderEventListener both(ProviderEventListener a, ProviderEventListener b) {
    if (b == null || b == NONE) return a == null ? NONE : a;
    if (a == null || a == NONE) return b;
    return new ProviderEventListener() {
      @Override public void callStart(ChatRequest r) { a.callStart(r); b.callStart(r); }
      @Override public void attemptFailed(ChatRequest r, int n, ProviderException e) { a.attemptFailed(r, n, e); b.attemptFailed(r, n, e); }
      @Override public void retryDecision(ChatRequest r, int n, Duration d) { a.retryDecision(r, n, d); b.retryDecision(r, n, d); }
      @Override public void fallbackUsed(String f, String t, String m, String why) { a.fallbackUsed(f, t, m, why); b.fallbackUsed(f, t, m, why); }
      @Override public void attemptSucceeded(ChatRequest r, ChatResponse s, double c) { a.attemptSucceeded(r, s, c); b.attemptSucceeded(r, s, c); }
      @Override public void attemptEnded(Attempt attempt) { a.attemptEnded(attempt); b.attemptEnded(attempt); }
      @Override public void callEnd(ChatRequest r, ChatResponse s) { a.callEnd(r, s); b.callEnd(r, s); }
      @Override public void callFailed(ChatRequest r, ProviderException e) { a.callFailed(r, e); b.callFailed(r, e); }
      @Override public void callCanceled(ChatRequest r) { a.callCanceled(r); b.callCanceled(r); }
    };
  }
}
