package dev.aragora.core.provider.resilience;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Retry, breaker and fallback settings for one agent's provider. {@link #defaults} carries the
 * original's values: 3 retries from 1 s doubling up to 30 s, a breaker that opens after 3
 * consecutive failed calls for 60 s, and fallback on.
 *
 * @param providerName the primary provider's name (anthropic, openai …), used in errors and events
 * @param agentName the agent this stack serves, used in errors
 * @param maxRetries retries after the first attempt (so {@code maxRetries + 1} attempts at most)
 * @param initialBackoff delay before the first retry
 * @param backoffMultiplier factor applied to the delay before each further retry
 * @param maxBackoff cap on the computed exponential delay
 * @param maxRetryAfter the longest server {@code Retry-After} we wait for; when a server asks for
 *     more, the call gives up at once (so a fallback can take over) instead of retrying early
 * @param failureThreshold consecutive failed calls (after retries) that open the breaker
 * @param openDuration how long the breaker stays open before it lets a trial call through
 * @param fallbackEnabled whether a configured fallback is used ({@code ARAGORA_OPENROUTER_FALLBACK_ENABLED},
 *     read by the caller)
 */
public record Settings(String providerName, String agentName, int maxRetries, Duration initialBackoff,
                       double backoffMultiplier, Duration maxBackoff, Duration maxRetryAfter,
                       int failureThreshold, Duration openDuration, boolean fallbackEnabled) {
  public Settings {
    requireNonNull(providerName, "providerName is null");
    requireNonNull(agentName, "agentName is null");
    if (maxRetries < 0) throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
    requirePositive(initialBackoff, "initialBackoff");
    if (!(backoffMultiplier >= 1)) throw new IllegalArgumentException("backoffMultiplier < 1: " + backoffMultiplier);
    requirePositive(maxBackoff, "maxBackoff");
    requirePositive(maxRetryAfter, "maxRetryAfter");
    if (failureThreshold < 1) throw new IllegalArgumentException("failureThreshold < 1: " + failureThreshold);
    requirePositive(openDuration, "openDuration");
  }

  public static Settings defaults(String providerName, String agentName) {
    return new Settings(providerName, agentName, 3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30),
        Duration.ofSeconds(60), 3, Duration.ofSeconds(60), true);
  }

  public Settings withMaxRetries(int newMaxRetries) {
    return new Settings(providerName, agentName, newMaxRetries, initialBackoff, backoffMultiplier, maxBackoff,
        maxRetryAfter, failureThreshold, openDuration, fallbackEnabled);
  }

  public Settings withFallbackEnabled(boolean enabled) {
    return new Settings(providerName, agentName, maxRetries, initialBackoff, backoffMultiplier, maxBackoff,
        maxRetryAfter, failureThreshold, openDuration, enabled);
  }

  /** The exponential delay before retry number {@code retry} (1-based), capped at {@link #maxBackoff}. */
  Duration backoff(int retry) {
    double millis = initialBackoff.toMillis() * Math.pow(backoffMultiplier, retry - 1);
    return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
  }

  private static void requirePositive(Duration d, String name) {
    requireNonNull(d, name + " is null");
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive: " + d);
  }
}
