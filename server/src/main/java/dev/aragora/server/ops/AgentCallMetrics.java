package dev.aragora.server.ops;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.resilience.Attempt;
import dev.aragora.core.provider.resilience.ProviderEventListener;
import java.util.function.Function;

/**
 * Maps the engine's provider events to meters: every attempt's duration by provider, every failed
 * attempt (and every call an open breaker refused) by provider and error kind, and each billed
 * attempt's tokens as billing events of the debate's tenant. Labels are the provider's name from the
 * catalog (openai, anthropic, gemini, xai, mistral, openrouter, ollama, demo) and the core's error
 * kinds; models are left to traces, since a request may name any model.
 */
public final class AgentCallMetrics implements ProviderEventListener {
  private final Metrics metrics;
  private final Function<String, String> tenantOfDebate;

  /** @param tenantOfDebate the tenant a debate (by id) bills to */
  public AgentCallMetrics(Metrics metrics, Function<String, String> tenantOfDebate) {
    this.metrics = requireNonNull(metrics, "metrics is null");
    this.tenantOfDebate = requireNonNull(tenantOfDebate, "tenantOfDebate is null");
  }

  @Override
  public void attemptEnded(Attempt attempt) {
    metrics.agentResponse(attempt.provider(), attempt.succeeded(), attempt.elapsed());
    attempt.failure().ifPresent(f -> metrics.agentError(attempt.provider(), f.errorType()));
    attempt.response().ifPresent(response -> {
      String tenant = tenantOfDebate.apply(attempt.request().context().debateId());
      metrics.billingEvent(tenant, "llm_call", 1);
      metrics.billingEvent(tenant, "input_tokens", response.usage().inputTokens());
      metrics.billingEvent(tenant, "output_tokens", response.usage().outputTokens());
    });
  }

  /** An open breaker refused the call before any attempt, and a fallback took over. */
  @Override
  public void fallbackUsed(String fromProvider, String toProvider, String toModel, String reason) {
    if (reason.equals(ProviderException.Kind.CIRCUIT_OPEN.name().toLowerCase(java.util.Locale.ROOT)))
      metrics.agentError(fromProvider, reason);
  }

  /** An open breaker refused the call before any attempt, and there was no fallback. */
  @Override
  public void callFailed(ChatRequest request, ProviderException failure) {
    if (failure.kind() == ProviderException.Kind.CIRCUIT_OPEN) metrics.agentError(failure.provider(), failure.errorType());
  }
}
