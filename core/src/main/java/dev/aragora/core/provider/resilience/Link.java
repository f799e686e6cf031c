package dev.aragora.core.provider.resilience;

import static java.util.Objects.requireNonNull;

/**
 * An interceptor and its contract with the chain: inner links ({@code callsOnce}) must call
 * {@code proceed} exactly once; outer links may call it any number of times.
 */
record Link(ProviderInterceptor interceptor, boolean callsOnce) {
  Link {
    requireNonNull(interceptor, "interceptor is null");
  }

  /** A link that may call {@code proceed} zero or more times (fallback, breaker, retry). */
  static Link outer(ProviderInterceptor interceptor) {
    return new Link(interceptor, false);
  }

  /** A link that must call {@code proceed} exactly once (metering, timeout). */
  static Link once(ProviderInterceptor interceptor) {
    return new Link(interceptor, true);
  }

  String name() {
    return interceptor.getClass().getSimpleName();
  }
}
