package dev.aragora.core.provider.resilience;

import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Retries {@link Retryability#isRetryable retryable} failures up to {@code maxRetries} times with
 * exponential backoff. A server's Retry-After is honoured as {@code max(backoff, retryAfter)};
 * when it exceeds {@code maxRetryAfter} the call gives up at once, since retrying earlier than
 * asked only burns an attempt and waiting longer stalls the debate (the fallback can take over).
 * The final failure carries the earlier ones as suppressed exceptions.
 */
final class RetryInterceptor implements ProviderInterceptor {
  private final Settings settings;
  private final Sleeper sleeper;
  private final ProviderEventListener listener;

  RetryInterceptor(Settings settings, Sleeper sleeper, ProviderEventListener listener) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.listener = listener;
  }

  @Override
  public ChatResponse intercept(Chain chain) throws InterruptedException {
    ChatRequest request = chain.request();
    List<ProviderException> earlier = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      try {
        return chain.proceed(request);
      } catch (ProviderException failure) {
        Optional<Duration> delay = delayBeforeRetry(attempt, failure);
        if (delay.isEmpty()) {
          earlier.forEach(failure::addSuppressed);
          throw failure;
        }
        earlier.add(failure);
        listener.retryDecision(request, attempt, delay.get());
        sleeper.sleep(delay.get());
      }
    }
  }

  /** The wait before retrying after failed attempt {@code attempt}, or empty to give up. */
  private Optional<Duration> delayBeforeRetry(int attempt, ProviderException failure) {
    if (attempt > settings.maxRetries() || !Retryability.isRetryable(failure)) return Optional.empty();
    Duration backoff = settings.backoff(attempt);
    Optional<Duration> retryAfter = failure.retryAfter();
    if (retryAfter.isEmpty()) return Optional.of(backoff);
    if (retryAfter.get().compareTo(settings.maxRetryAfter()) > 0) return Optional.empty();
    return Optional.of(retryAfter.get().compareTo(backoff) > 0 ? retryAfter.get() : backoff);
  }
}
