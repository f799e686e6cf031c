package dev.aragora.core.debate;

import dev.aragora.core.debate.event.AgentError;
import dev.aragora.core.debate.event.AgentFallback;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.resilience.ProviderEventListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows an agent's retries and fallbacks in the debate's event stream. A retried call streams its
 * text again from the start, so a recoverable {@code agent_error} ("retrying") tells a client to
 * drop the partial text it received for that move.
 */
final class DebateCallListener implements ProviderEventListener {
  private final String agent;
  private final Emitter emitter;
  /** The failure of the attempt about to be retried, per call (attemptFailed precedes retryDecision). */
  private final Map<ChatRequest, ProviderException> lastFailure = new ConcurrentHashMap<>();

  DebateCallListener(String agent, Emitter emitter) {
    this.agent = agent;
    this.emitter = emitter;
  }

  @Override
  public void attemptFailed(ChatRequest request, int attempt, ProviderException failure) {
    lastFailure.put(request, failure);
  }

  @Override
  public void retryDecision(ChatRequest request, int attempt, Duration delay) {
    ProviderException failure = lastFailure.remove(request);
    String type = failure == null ? "unknown" : failure.errorType();
    String provider = failure == null ? "" : failure.provider();
    String why = failure == null ? "" : failure.getMessage() + "; ";
    emitter.emit(request.context().round(), agent, new AgentError(type,
        why + "retrying (attempt " + (attempt + 1) + ") in " + delay.toMillis() + " ms", true,
        request.context().phase(), provider, true));
  }

  @Override
  public void fallbackUsed(String from, String to, String model, String reason) {
    emitter.emit(emitter.currentRound(), agent, new AgentFallback(from, to, model, reason));
  }

  @Override
  public void callEnd(ChatRequest request, dev.aragora.core.provider.ChatResponse response) {
    lastFailure.remove(request);
  }

  @Override
  public void callFailed(ChatRequest request, ProviderException failure) {
    lastFailure.remove(request);
  }

  @Override
  public void callCanceled(ChatRequest request) {
    lastFailure.remove(request);
  }
}
