package dev.aragora.core.provider.resilience;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.provider.ChatProvider;

/**
 * Where a call goes when the primary provider cannot serve it (auth, quota, rate limit, timeout,
 * open breaker), typically OpenRouter with a mapped model such as {@code anthropic/claude-sonnet-4.6}.
 *
 * @param model the model id the request is re-sent with
 */
public record Fallback(ChatProvider provider, String providerName, String model) {
  public Fallback {
    requireNonNull(provider, "provider is null");
    requireNonNull(providerName, "providerName is null");
    requireNonNull(model, "model is null");
    if (model.isBlank()) throw new IllegalArgumentException("model is blank");
  }
}
