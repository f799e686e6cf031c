package dev.aragora.core.provider.resilience;

import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.ProviderException;
import java.util.List;
import java.util.function.Supplier;

/**
 * When the primary's final failure {@link Retryability#shouldFallBack warrants it}, re-sends the
 * request with the fallback's model through the fallback's own links. If the fallback fails too,
 * its failure is thrown with the primary's attached as suppressed.
 */
final class FallbackInterceptor implements ProviderInterceptor {
  private final String primaryName;
  private final Fallback fallback;
  private final Supplier<List<Link>> fallbackLinks;
  private final ProviderEventListener listener;

  FallbackInterceptor(String primaryName, Fallback fallback, Supplier<List<Link>> fallbackLinks,
                      ProviderEventListener listener) {
    this.primaryName = primaryName;
    this.fallback = fallback;
    this.fallbackLinks = fallbackLinks;
    this.listener = listener;
  }

  @Override
  public ChatResponse intercept(Chain chain) throws InterruptedException {
    try {
      return chain.proceed(chain.request());
    } catch (ProviderException primaryFailure) {
      if (!Retryability.shouldFallBack(primaryFailure)) throw primaryFailure;
      listener.fallbackUsed(primaryName, fallback.providerName(), fallback.model(), primaryFailure.errorType());
      ChatRequest rerouted = chain.request().withModel(fallback.model());
      try {
        return RealChain.run(fallbackLinks.get(), fallback.provider(), rerouted, chain.tokens());
      } catch (ProviderException fallbackFailure) {
        fallbackFailure.addSuppressed(primaryFailure);
        throw fallbackFailure;
      }
    }
  }
}
