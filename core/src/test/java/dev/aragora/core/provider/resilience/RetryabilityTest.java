package dev.aragora.core.provider.resilience;

import static dev.aragora.core.provider.resilience.Fakes.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.provider.ProviderException.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryabilityTest {
  @ParameterizedTest
  @EnumSource(names = {"RATE_LIMITED", "SERVER_ERROR", "TIMEOUT", "NETWORK"})
  void transientFailuresAreRetryable(Kind kind) {
    assertThat(Retryability.isRetryable(failure(kind))).isTrue();
  }

  @ParameterizedTest
  @EnumSource(names = {"AUTH", "QUOTA", "BAD_REQUEST", "MALFORMED_RESPONSE", "CIRCUIT_OPEN"})
  void finalFailuresAreNotRetried(Kind kind) {
    assertThat(Retryability.isRetryable(failure(kind))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(names = {"AUTH", "QUOTA", "RATE_LIMITED", "TIMEOUT", "CIRCUIT_OPEN"})
  void accountAndCapacityFailuresFallBack(Kind kind) {
    assertThat(Retryability.shouldFallBack(failure(kind))).isTrue();
  }

  @ParameterizedTest
  @EnumSource(names = {"BAD_REQUEST", "SERVER_ERROR", "NETWORK", "MALFORMED_RESPONSE"})
  void otherFailuresDoNotFallBack(Kind kind) {
    assertThat(Retryability.shouldFallBack(failure(kind))).isFalse();
  }
}
