package dev.aragora.core.provider;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * A vendor-neutral chat call.
 *
 * @param model the vendor's model id
 * @param system system prompt; empty for none
 * @param timeout how long the whole call (all bytes, not just headers) may take
 */
public record ChatRequest(String model, String system, List<ChatMessage> messages, int maxTokens,
                          double temperature, boolean stream, Duration timeout, CallContext context) {
  public ChatRequest {
    requireNonNull(model, "model is null");
    system = system == null ? "" : system;
    messages = List.copyOf(messages);
    if (messages.isEmpty()) throw new IllegalArgumentException("messages is empty");
    if (maxTokens < 1) throw new IllegalArgumentException("maxTokens < 1: " + maxTokens);
    if (temperature < 0 || temperature > 2) throw new IllegalArgumentException("temperature out of [0,2]: " + temperature);
    requireNonNull(timeout, "timeout is null");
    requireNonNull(context, "context is null");
  }

  public ChatRequest withModel(String newModel) {
    return new ChatRequest(newModel, system, messages, maxTokens, temperature, stream, timeout, context);
  }

  public ChatRequest withTimeout(Duration newTimeout) {
    return new ChatRequest(model, system, messages, maxTokens, temperature, stream, newTimeout, context);
  }
}
