/**
 * Provider middleware: retries, circuit breaker, fallback, metering and timeouts as an
 * interceptor chain around a {@link dev.aragora.core.provider.ChatProvider}.
 *
 * <p>{@link dev.aragora.core.provider.resilience.ResilientProvider#build} is the front door; it
 * stacks the links fallback → circuit breaker → retry → attempt metering → timeout → call.
 * Public types are the interfaces and records; the links themselves are package-private.
 */
package dev.aragora.core.provider.resilience;
