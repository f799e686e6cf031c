package dev.aragora.core.provider.resilience;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Wraps an agent's provider in the resilience stack. */
public final class ResilientProvider {
  private ResilientProvider() {}

  /**
   * Builds the stack for one agent: fallback → circuit breaker → retry → attempt metering →
   * timeout → call. The breaker is created here, once, and shared by all calls of the returned
   * provider; the other links are created per call. The fallback (when present and
   * {@link Settings#fallbackEnabled() enabled}) runs through its own retry → metering → timeout
   * links, without a breaker.
   *
   * @param sleeper waits between retries; {@link Sleeper#SYSTEM} in production
   * @param clock drives the breaker's open period and times each attempt; {@code InstantSource.system()}
   *     in production
   */
  public static ChatProvider build(Settings settings, ChatProvider primary, Optional<Fallback> fallback,
                                   ProviderEventListener listener, CostModel costs, Sleeper sleeper,
                                   InstantSource clock) {
    requireNonNull(settings, "settings is null");
    requireNonNull(primary, "primary is null");
    requireNonNull(fallback, "fallback is null");
    requireNonNull(listener, "listener is null");
    requireNonNull(costs, "costs is null");
    requireNonNull(sleeper, "sleeper is null");
    requireNonNull(clock, "clock is null");

    CircuitBreakerInterceptor breaker = new CircuitBreakerInterceptor(settings, clock);
    Optional<Fallback> failover = fallback.filter(f -> settings.fallbackEnabled());
    return (request, tokens) -> {
      List<Link> links = new ArrayList<>();
      failover.ifPresent(f -> links.add(Link.outer(new FallbackInterceptor(settings.providerName(), f,
          () -> attemptLinks(settings, f.providerName(), listener, costs, sleeper, clock), listener))));
      links.add(Link.outer(breaker));
      links.addAll(attemptLinks(settings, settings.providerName(), listener, costs, sleeper, clock));
      return observe(request, listener, () -> RealChain.run(links, primary, request, tokens));
    };
  }

  /** retry → attempt metering → timeout, for the provider named {@code providerName}. */
  private static List<Link> attemptLinks(Settings settings, String providerName, ProviderEventListener listener,
                                         CostModel costs, Sleeper sleeper, InstantSource clock) {
    return List.of(
        Link.outer(new RetryInterceptor(settings, sleeper, listener)),
        Link.once(new MeteringInterceptor(providerName, listener, costs, clock)),
        Link.once(new TimeoutInterceptor(providerName, settings.agentName())));
  }

  private interface Call {
    ChatResponse run() throws InterruptedException;
  }

  private static ChatResponse observe(ChatRequest request, ProviderEventListener listener, Call call)
      throws InterruptedException {
    listener.callStart(request);
    try {
      ChatResponse response = call.run();
      listener.callEnd(request, response);
      return response;
    } catch (ProviderException failure) {
      listener.callFailed(request, failure);
      throw failure;
    } catch (InterruptedException interrupted) {
      listener.callCanceled(request);
      throw interrupted;
    }
  }
}
