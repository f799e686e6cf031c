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
 * interleave theirs, so implementations must be thread-safe.
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

  default void callEnd(ChatRequest request, ChatResponse response) {}

  /** The call failed after retries and fallback; {@code failure} carries earlier ones as suppressed. */
  default void callFailed(ChatRequest request, ProviderException failure) {}

  /** The calling thread was interrupted; the call was abandoned. */
  default void callCanceled(ChatRequest request) {}
}
