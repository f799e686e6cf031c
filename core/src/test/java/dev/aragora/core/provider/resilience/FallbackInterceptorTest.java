package dev.aragora.core.provider.resilience;

import static dev.aragora.core.provider.resilience.Fakes.failure;
import static dev.aragora.core.provider.resilience.Fakes.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FallbackInterceptorTest {
  private static final String MAPPED = "anthropic/claude-sonnet-4.6";

  private final Fakes.Scripted openRouter = new Fakes.Scripted(reply("openrouter", MAPPED));

  private Fakes.Stack stack(Settings settings, Fakes.Scripted primary) {
    return new Fakes.Stack(settings, primary, Optional.of(new Fallback(openRouter, "openrouter", MAPPED)),
        CostModel.FREE);
  }

  private Fakes.Stack stack(Fakes.Scripted primary) {
    return stack(Settings.defaults("anthropic", "claude"), primary);
  }

  @Test
  void fallsBackToOpenRouterOnAuthFailure() throws InterruptedException {
    Fakes.Scripted primary = new Fakes.Scripted(failure(Kind.AUTH));
    Fakes.Stack stack = stack(primary);

    assertThat(stack.call()).isEqualTo(reply("openrouter", MAPPED));
    assertThat(primary.calls()).isEqualTo(1);
    assertThat(openRouter.requests).singleElement().satisfies(r -> {
      assertThat(r.model()).isEqualTo(MAPPED);
      assertThat(r.messages()).isEqualTo(Fakes.request().messages());
    });
    assertThat(stack.listener.events).containsExactly(
        "callStart",
        "attemptFailed 1 auth",
        "fallbackUsed anthropic openrouter " + MAPPED + " auth",
        "attemptSucceeded openrouter " + MAPPED,
        "callEnd");
  }

  @ParameterizedTest
  @EnumSource(names = {"QUOTA", "RATE_LIMITED", "TIMEOUT"})
  void fallsBackWhenThePrimaryIsOutOfCreditSaturatedOrSlow(Kind kind) throws InterruptedException {
    Fakes.Scripted primary = new Fakes.Scripted(failure(kind));
    Fakes.Stack stack = stack(primary);

    assertThat(stack.call().provider()).isEqualTo("openrouter");
    assertThat(primary.calls()).as("retried first when retryable").isEqualTo(Retryability.isRetryable(failure(kind)) ? 4 : 1);
  }

  @ParameterizedTest
  @EnumSource(names = {"BAD_REQUEST", "SERVER_ERROR", "NETWORK", "MALFORMED_RESPONSE"})
  void doesNotFallBackOnBadRequest(Kind kind) {
    Fakes.Scripted primary = new Fakes.Scripted(failure(kind));
    Fakes.Stack stack = stack(primary);

    ProviderException thrown = catchThrowableOfType(ProviderException.class, stack::call);

    assertThat(thrown.kind()).isEqualTo(kind);
    assertThat(openRouter.calls()).isZero();
    assertThat(stack.listener.events).noneMatch(e -> e.startsWith("fallbackUsed"));
  }

  @Test
  void doesNotFallBackWhenDisabled() {
    Fakes.Scripted primary = new Fakes.Scripted(failure(Kind.AUTH));
    Fakes.Stack stack = stack(Settings.defaults("anthropic", "claude").withFallbackEnabled(false), primary);

    assertThat(catchThrowableOfType(ProviderException.class, stack::call).kind()).isEqualTo(Kind.AUTH);
    assertThat(openRouter.calls()).isZero();
  }

  @Test
  void fallbackRetriesThroughItsOwnLinks() throws InterruptedException {
    Fakes.Scripted primary = new Fakes.Scripted(failure(Kind.QUOTA));
    Fakes.Scripted flaky = new Fakes.Scripted(failure(Kind.SERVER_ERROR), reply("openrouter", MAPPED));
    Fakes.Stack stack = new Fakes.Stack(Settings.defaults("anthropic", "claude"), primary,
        Optional.of(new Fallback(flaky, "openrouter", MAPPED)), CostModel.FREE);

    assertThat(stack.call().provider()).isEqualTo("openrouter");
    assertThat(flaky.calls()).isEqualTo(2);
    assertThat(stack.sleeper.slept).containsExactly(Duration.ofSeconds(1));
    assertThat(stack.listener.events).containsSubsequence(
        "fallbackUsed anthropic openrouter " + MAPPED + " quota",
        "attemptFailed 1 server_error",
        "retryDecision 1 PT1S",
        "attemptSucceeded openrouter " + MAPPED);
  }

  @Test
  void failedFallbackCarriesThePrimaryFailureAsSuppressed() {
    Fakes.Scripted primary = new Fakes.Scripted(failure(Kind.AUTH));
    Fakes.Scripted broken = new Fakes.Scripted(new ProviderException(Kind.AUTH, "openrouter", 401, "no key"));
    Fakes.Stack stack = new Fakes.Stack(Settings.defaults("anthropic", "claude"), primary,
        Optional.of(new Fallback(broken, "openrouter", MAPPED)), CostModel.FREE);

    ProviderException thrown = catchThrowableOfType(ProviderException.class, stack::call);

    assertThat(thrown.provider()).isEqualTo("openrouter");
    assertThat(thrown.getSuppressed()).singleElement()
        .satisfies(e -> assertThat(((ProviderException) e).provider()).isEqualTo("anthropic"));
    assertThat(stack.listener.events).last().isEqualTo("callFailed auth");
  }
}
