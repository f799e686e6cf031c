package dev.aragora.core.provider.resilience;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.ProviderException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One attempt of a provider call as the metering link saw it end: to which provider, when it
 * started and how long it took, and either its reply (priced) or its failure. A retried or
 * fallen-back call is several attempts; each is billed, or failed, on its own.
 *
 * @param provider the provider the attempt went to (the fallback's name after a fallback)
 * @param request what was sent (its model is the fallback's model after a fallback)
 * @param number 1-based, restarting at 1 for the fallback, as in {@link ProviderEventListener#attemptFailed}
 * @param started when the attempt started, by the stack's clock
 * @param elapsed how long it took, by the same clock (never negative)
 * @param response the reply, when the attempt succeeded
 * @param failure the failure, when it did not
 * @param costUsd the reply's price; 0 for a failure
 */
public record Attempt(String provider, ChatRequest request, int number, Instant started, Duration elapsed,
                      Optional<ChatResponse> response, Optional<ProviderException> failure, double costUsd) {
  public Attempt {
    requireNonNull(provider, "provider is null");
    requireNonNull(request, "request is null");
    if (number < 1) throw new IllegalArgumentException("number < 1: " + number);
    requireNonNull(started, "started is null");
    requireNonNull(elapsed, "elapsed is null");
    if (elapsed.isNegative()) throw new IllegalArgumentException("elapsed is negative: " + elapsed);
    requireNonNull(response, "response is null");
    requireNonNull(failure, "failure is null");
    if (response.isPresent() == failure.isPresent())
      throw new IllegalArgumentException("exactly one of response and failure must be present");
  }

  public boolean succeeded() {
    return response.isPresent();
  }
}
