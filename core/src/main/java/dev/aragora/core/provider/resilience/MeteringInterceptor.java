package dev.aragora.core.provider.resilience;

import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderException;

/**
 * Reports every attempt to the listener and prices every reply. It sits inside the retry link,
 * so each billed attempt is counted, not just the last one. One instance per call: it numbers
 * the attempts.
 */
final class MeteringInterceptor implements ProviderInterceptor {
  private final ProviderEventListener listener;
  private final CostModel costs;
  private int attempt;

  MeteringInterceptor(ProviderEventListener listener, CostModel costs) {
    this.listener = listener;
    this.costs = costs;
  }

  @Override
  public ChatResponse intercept(Chain chain) throws InterruptedException {
    attempt++;
    ChatResponse response;
    try {
      response = chain.proceed(chain.request());
    } catch (ProviderException failure) {
      listener.attemptFailed(chain.request(), attempt, failure);
      throw failure;
    }
    double cost = costs.costUsd(response.provider(), response.model(), response.usage());
    listener.attemptSucceeded(chain.request(), response, cost);
    return response;
  }
}
