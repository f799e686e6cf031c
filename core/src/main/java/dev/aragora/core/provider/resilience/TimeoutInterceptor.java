package dev.aragora.core.provider.resilience;

import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.ProviderException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Enforces {@link ChatRequest#timeout()} on each attempt even when the provider ignores it: the
 * rest of the chain runs on a fresh virtual thread, which is interrupted when the time is up, and
 * the attempt fails with {@link ProviderException.Kind#TIMEOUT}. If the caller is interrupted
 * while waiting, the attempt is cancelled the same way and the interrupt propagates.
 */
final class TimeoutInterceptor implements ProviderInterceptor {
  private final String providerName;
  private final String agentName;

  TimeoutInterceptor(String providerName, String agentName) {
    this.providerName = providerName;
    this.agentName = agentName;
  }

  @Override
  public ChatResponse intercept(Chain chain) throws InterruptedException {
    ChatRequest request = chain.request();
    FutureTask<ChatResponse> attempt = new FutureTask<>(() -> chain.proceed(request));
    Thread.ofVirtual().name("aragora-call-" + agentName).start(attempt);
    try {
      return attempt.get(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      attempt.cancel(true);
      throw new ProviderException(ProviderException.Kind.TIMEOUT, providerName, 0,
          "no complete reply within " + request.timeout(), null, null);
    } catch (InterruptedException e) {
      attempt.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  private static RuntimeException rethrow(Throwable cause) throws InterruptedException {
    if (cause instanceof RuntimeException runtime) throw runtime;
    if (cause instanceof Error error) throw error;
    if (cause instanceof InterruptedException interrupted) throw interrupted;
    throw new IllegalStateException("unexpected checked exception from provider", cause);
  }
}
