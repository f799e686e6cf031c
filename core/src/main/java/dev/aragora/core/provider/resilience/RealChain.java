package dev.aragora.core.provider.resilience;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.TokenListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The immutable chain: {@link #proceed} runs link {@code index} with a copy of the chain at
 * {@code index + 1}; past the last link it calls the provider. It checks each link's contract.
 * {@code calls} is atomic because the timeout link proceeds on another (virtual) thread.
 */
final class RealChain implements ProviderInterceptor.Chain {
  private final List<Link> links;
  private final int index;
  private final ChatRequest request;
  private final TokenListener tokens;
  private final ChatProvider provider;
  private final AtomicInteger calls = new AtomicInteger();

  private RealChain(List<Link> links, int index, ChatRequest request, TokenListener tokens, ChatProvider provider) {
    this.links = links;
    this.index = index;
    this.request = request;
    this.tokens = tokens;
    this.provider = provider;
  }

  /** Runs {@code request} through {@code links} and then {@code provider}. */
  static ChatResponse run(List<Link> links, ChatProvider provider, ChatRequest request, TokenListener tokens)
      throws InterruptedException {
    requireNonNull(provider, "provider is null");
    requireNonNull(request, "request is null");
    requireNonNull(tokens, "tokens is null");
    return new RealChain(List.copyOf(links), 0, request, tokens, provider).proceed(request);
  }

  @Override
  public ChatRequest request() {
    return request;
  }

  @Override
  public TokenListener tokens() {
    return tokens;
  }

  @Override
  public ChatResponse proceed(ChatRequest request) throws InterruptedException {
    requireNonNull(request, "request is null");
    int call = calls.incrementAndGet();
    if (index > 0 && links.get(index - 1).callsOnce() && call > 1) {
      throw new IllegalStateException(links.get(index - 1).name() + " must call proceed() exactly once");
    }
    if (index == links.size()) {
      ChatResponse response = provider.chat(request, tokens);
      if (response == null) throw new IllegalStateException("provider returned null");
      return response;
    }

    Link link = links.get(index);
    RealChain next = new RealChain(links, index + 1, request, tokens, provider);
    ChatResponse response = link.interceptor().intercept(next);
    if (link.callsOnce() && next.calls.get() != 1) {
      throw new IllegalStateException(link.name() + " must call proceed() exactly once");
    }
    if (response == null) throw new IllegalStateException(link.name() + " returned null");
    return response;
  }
}
