package dev.aragora.core.provider.resilience;

import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Reports every attempt to the listener and prices every reply. It sits inside the retry link,
 * so each billed attempt is counted, not just the last one, and times it with the stack's clock.
 * One instance per call and provider: it numbers the attempts.
 */
final class MeteringInterceptor implements ProviderInterceptor {
  private final String provider;
  private final ProviderEventListener listener;
  private final CostModel costs;
  private final InstantSource clock;
  private int attempt;

  MeteringInterceptor(String provider, ProviderEventListener listener, CostModel costs, InstantSource clock) {
    this.provider = provider;
    this.listener = listener;
    this.costs = costs;
    this.clock = clock;
  }

  @Override
  public ChatResponse intercept(Chain chain) throws InterruptedException {
    attempt++;
    Instant started = clock.instant();
    ChatResponse response;
    try {
      response = chain.proceed(chain.request());
    } catch (ProviderException failure) {
      listener.attemptFailed(chain.request(), attempt, failure);
      listener.attemptEnded(new Attempt(provider, chain.request(), attempt, started, since(started),
          Optional.empty(), Optional.of(failure), 0));
      throw failure;
    }
    double cost = costs.costUsd(response.provider(), response.model(), response.usage());
    listener.attemptSucceeded(chain.request(), response, cost);
    listener.attemptEnded(new Attempt(provider, chain.request(), attempt, started, since(started),
        Optional.of(response), Optional.empty(), cost));
    return response;
  }

  private Duration since(Instant started) {
    Duration elapsed = Duration.between(started, clock.instant());
    return elapsed.isNegative() ? Duration.ZERO : elapsed;
  }
}
