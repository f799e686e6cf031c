package dev.aragora.core.provider.resilience;

import dev.aragora.core.provider.ProviderException;

/** The two decisions about a failed call, each made in one place. */
public final class Retryability {
  private Retryability() {}

  /**
   * Whether trying the same provider again may help: rate limits, server errors, timeouts and
   * network errors. Auth, quota, bad requests, malformed replies and an open breaker are final.
   */
  public static boolean isRetryable(ProviderException failure) {
    return switch (failure.kind()) {
      case RATE_LIMITED, SERVER_ERROR, TIMEOUT, NETWORK -> true;
      case AUTH, QUOTA, BAD_REQUEST, MALFORMED_RESPONSE, CIRCUIT_OPEN -> false;
    };
  }

  /**
   * Whether another provider may serve the call the primary could not (after its retries): its
   * key or account is the problem (auth, quota), it is saturated or slow (rate limit, timeout),
   * or its breaker is open. A bad request or malformed reply would fail the same way elsewhere,
   * and server or network errors are left to retries.
   */
  public static boolean shouldFallBack(ProviderException failure) {
    return switch (failure.kind()) {
      case AUTH, QUOTA, RATE_LIMITED, TIMEOUT, CIRCUIT_OPEN -> true;
      case BAD_REQUEST, SERVER_ERROR, NETWORK, MALFORMED_RESPONSE -> false;
    };
  }
}
