package dev.aragora.core.provider.resilience;

import static dev.aragora.core.provider.resilience.Fakes.failure;
import static dev.aragora.core.provider.resilience.Fakes.rateLimited;
import static dev.aragora.core.provider.resilience.Fakes.reply;
import static dev.aragora.core.provider.resilience.Fakes.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import dev.aragora.core.provider.TokenListener;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryInterceptorTest {
  @Test
  void retriesServerErrorsThreeTimesThenGivesUp() {
    Fakes.Scripted primary = new Fakes.Scripted(failure(Kind.SERVER_ERROR));
    Fakes.Stack stack = new Fakes.Stack(primary);

    ProviderException thrown = catchThrowableOfType(ProviderException.class, stack::call);

    assertThat(primary.calls()).isEqualTo(4);
    assertThat(stack.sleeper.slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(thrown.kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(thrown.getSuppressed()).hasSize(3).allSatisfy(e -> assertThat(e).isInstanceOf(ProviderException.class));
    assertThat(stack.listener.events).containsExactly(
        "callStart",
        "attemptFailed 1 server_error", "retryDecision 1 PT1S",
        "attemptFailed 2 server_error", "retryDecision 2 PT2S",
        "attemptFailed 3 server_error", "retryDecision 3 PT4S",
        "attemptFailed 4 server_error",
        "callFailed server_error");
  }

  @Test
  void succeedsOnceATransientFailureClears() throws InterruptedException {
    Fakes.Scripted primary = new Fakes.Scripted(failure(Kind.NETWORK), failure(Kind.TIMEOUT), reply());
    Fakes.Stack stack = new Fakes.Stack(primary);

    assertThat(stack.call()).isEqualTo(reply());
    assertThat(primary.calls()).isEqualTo(3);
    assertThat(stack.sleeper.slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void honoursRetryAfterFromRateLimit() throws InterruptedException {
    Fakes.Scripted primary = new Fakes.Scripted(
        rateLimited(Duration.ofSeconds(7)), rateLimited(Duration.ofMillis(500)), reply());
    Fakes.Stack stack = new Fakes.Stack(primary);

    stack.call();

    // max(backoff, Retry-After): the server's 7 s beats 1 s; 2 s backoff beats the server's 0.5 s
    assertThat(stack.sleeper.slept).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
  }

  @Test
  void honoursRetryAfterBeyondTheBackoffCapUpToSixtySeconds() throws InterruptedException {
    Fakes.Scripted primary = new Fakes.Scripted(rateLimited(Duration.ofSeconds(60)), reply());
    Fakes.Stack stack = new Fakes.Stack(primary);

    stack.call();

    assertThat(stack.sleeper.slept).containsExactly(Duration.ofSeconds(60));
  }

  @Test
  void givesUpAtOnceWhenRetryAfterExceedsSixtySeconds() {
    Fakes.Scripted primary = new Fakes.Scripted(rateLimited(Duration.ofMinutes(10)), reply());
    Fakes.Stack stack = new Fakes.Stack(primary);

    assertThatThrownBy(stack::call).isInstanceOf(ProviderException.class)
        .extracting(e -> ((ProviderException) e).kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(primary.calls()).isEqualTo(1);
    assertThat(stack.sleeper.slept).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(names = {"AUTH", "QUOTA", "BAD_REQUEST", "MALFORMED_RESPONSE"})
  void neverRetriesFinalFailures(Kind kind) {
    Fakes.Scripted primary = new Fakes.Scripted(failure(kind), reply());
    Fakes.Stack stack = new Fakes.Stack(Settings.defaults("anthropic", "claude").withFallbackEnabled(false),
        primary, Optional.empty(), CostModel.FREE);

    assertThatThrownBy(stack::call).isInstanceOf(ProviderException.class);
    assertThat(primary.calls()).isEqualTo(1);
    assertThat(stack.sleeper.slept).isEmpty();
  }

  @Test
  void zeroRetriesMeansOneAttempt() {
    Fakes.Scripted primary = new Fakes.Scripted(failure(Kind.SERVER_ERROR), reply());
    Fakes.Stack stack = new Fakes.Stack(Settings.defaults("anthropic", "claude").withMaxRetries(0),
        primary, Optional.empty(), CostModel.FREE);

    assertThatThrownBy(stack::call).isInstanceOf(ProviderException.class);
    assertThat(primary.calls()).isEqualTo(1);
  }

  @Test
  void interruptDuringBackoffCancelsTheCall() {
    Fakes.Scripted primary = new Fakes.Scripted(failure(Kind.SERVER_ERROR), reply());
    Fakes.RecordingListener listener = new Fakes.RecordingListener();
    Sleeper interrupted = d -> { throw new InterruptedException("debate cancelled"); };
    var provider = ResilientProvider.build(Settings.defaults("anthropic", "claude"), primary, Optional.empty(),
        listener, CostModel.FREE, interrupted, new Fakes.TestClock());

    assertThatThrownBy(() -> provider.chat(request(), TokenListener.NONE)).isInstanceOf(InterruptedException.class);
    assertThat(primary.calls()).isEqualTo(1);
    assertThat(listener.events).last().isEqualTo("callCanceled");
  }
}
