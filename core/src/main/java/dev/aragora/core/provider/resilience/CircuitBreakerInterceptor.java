package dev.aragora.core.provider.resilience;

import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.ProviderException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * The agent's circuit breaker, on resilience4j. "Opens after N consecutive failed calls" is a
 * count-based window of N calls, at least N recorded, at a 100% failure-rate threshold. The
 * injected {@link InstantSource} is its clock, so the open period elapses in tests without
 * sleeping; the open → half-open move happens lazily on the first call after the period (no
 * scheduler thread). Half-open lets one trial call through: success closes the breaker, failure
 * reopens it. (The original allows 3 trials and closes after 2 successes; resilience4j applies one
 * failure-rate threshold to both states, so one trial is the exact equivalent we can express.)
 *
 * <p>Only {@link ProviderException}s count as failures. An interrupt or a bug (any other
 * exception) releases the permission without recording anything. Calls are recorded with zero
 * duration so resilience4j's slow-call rule never opens the breaker on long but successful calls.
 */
final class CircuitBreakerInterceptor implements ProviderInterceptor {
  private final CircuitBreaker breaker;
  private final String providerName;

  CircuitBreakerInterceptor(Settings settings, InstantSource clock) {
    int n = settings.failureThreshold();
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindow(n, n, SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(100)
        .waitDurationInOpenState(settings.openDuration())
        .permittedNumberOfCallsInHalfOpenState(1)
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .clock(clock.withZone(ZoneOffset.UTC))
        .build();
    this.breaker = CircuitBreaker.of(settings.agentName(), config);
    this.providerName = settings.providerName();
  }

  @Override
  public ChatResponse intercept(Chain chain) throws InterruptedException {
    if (!breaker.tryAcquirePermission()) {
      throw new ProviderException(ProviderException.Kind.CIRCUIT_OPEN, providerName, 0,
          "circuit breaker open for agent " + breaker.getName() + "; no call made");
    }
    ChatResponse response;
    try {
      response = chain.proceed(chain.request());
    } catch (ProviderException failure) {
      breaker.onError(0, TimeUnit.NANOSECONDS, failure);
      throw failure;
    } catch (InterruptedException | RuntimeException | Error notAProviderFailure) {
      breaker.releasePermission();
      throw notAProviderFailure;
    }
    breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    return response;
  }

  CircuitBreaker.State state() {
    return breaker.getState();
  }
}
