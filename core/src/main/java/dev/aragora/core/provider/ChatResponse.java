package dev.aragora.core.provider;

import static java.util.Objects.requireNonNull;

/**
 * A complete reply.
 *
 * @param provider the provider that actually answered (differs from the agent's own after a fallback)
 * @param model the model that answered, as the vendor named it
 * @param finishReason the vendor's stop reason, verbatim (stop, end_turn, STOP, length …)
 */
public record ChatResponse(String text, Usage usage, String provider, String model, String finishReason) {
  public ChatResponse {
    requireNonNull(text, "text is null");
    requireNonNull(usage, "usage is null");
    requireNonNull(provider, "provider is null");
    requireNonNull(model, "model is null");
    finishReason = finishReason == null ? "" : finishReason;
  }
}
