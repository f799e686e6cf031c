package dev.aragora.core.provider.resilience;

import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.TokenListener;

/**
 * One link of the provider middleware. A link observes, rewrites, repeats or short-circuits the
 * call by deciding whether and how often to call {@link Chain#proceed}.
 */
@FunctionalInterface
public interface ProviderInterceptor {
  ChatResponse intercept(Chain chain) throws InterruptedException;

  /** The rest of the stack, as seen from one link. Immutable; each link gets its own. */
  interface Chain {
    ChatRequest request();

    TokenListener tokens();

    /**
     * Runs the remaining links and finally the provider. Links marked "call exactly once"
     * (metering, timeout) must call this exactly once and never return null; outer links
     * (fallback, retry) may call it several times. A violation throws {@link IllegalStateException}.
     */
    ChatResponse proceed(ChatRequest request) throws InterruptedException;
  }
}
