package dev.aragora.core.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed provider call. Messages never contain credentials: codecs build them from the
 * vendor's error body and the HTTP status only.
 */
public final class ProviderException extends RuntimeException {
  public enum Kind {
    /** HTTP 429 or a vendor "rate limit" error. */
    RATE_LIMITED,
    /** The account is out of credit or quota (402, or 400/403/429 that says so). */
    QUOTA,
    /** 401/403: the key is missing, wrong or not allowed to use the model. */
    AUTH,
    /** Any other 4xx: our request was wrong; retrying will not help. */
    BAD_REQUEST,
    /** 5xx, 529 overloaded, or an error event inside a stream. */
    SERVER_ERROR,
    /** No complete reply within the call's timeout. */
    TIMEOUT,
    /** Connection refused, reset, DNS … */
    NETWORK,
    /** The reply could not be parsed (bad JSON, broken SSE chunk, empty content). */
    MALFORMED_RESPONSE,
    /** The agent's circuit breaker is open; no call was made. */
    CIRCUIT_OPEN
  }

  private final Kind kind;
  private final String provider;
  private final int status;
  private final Duration retryAfter;

  public ProviderException(Kind kind, String provider, int status, String message, Duration retryAfter, Throwable cause) {
    super(provider + ": " + message, cause);
    this.kind = kind;
    this.provider = provider;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public ProviderException(Kind kind, String provider, int status, String message) {
    this(kind, provider, status, message, null, null);
  }

  public Kind kind() {
    return kind;
  }

  public String provider() {
    return provider;
  }

  /** HTTP status, or 0 when the failure happened before or outside HTTP. */
  public int status() {
    return status;
  }

  /** The server's Retry-After, when it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** snake_case name used in events and results, e.g. {@code rate_limited}. */
  public String errorType() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
