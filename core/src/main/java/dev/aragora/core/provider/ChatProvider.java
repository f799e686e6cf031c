package dev.aragora.core.provider;

/**
 * One LLM endpoint. Implementations block the calling (virtual) thread until the reply is
 * complete; when {@code request.stream()} is set they report text deltas to {@code tokens}
 * as they arrive. Failures are reported as {@link ProviderException}.
 */
@FunctionalInterface
public interface ChatProvider {
  ChatResponse chat(ChatRequest request, TokenListener tokens) throws InterruptedException;
}
