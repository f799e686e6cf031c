package dev.aragora.core.provider.resilience;

import static dev.aragora.core.provider.resilience.Fakes.failure;
import static dev.aragora.core.provider.resilience.Fakes.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import dev.aragora.core.provider.TokenListener;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakerInterceptorTest {
  private static final Settings NO_FALLBACK = Settings.defaults("anthropic", "claude").withFallbackEnabled(false);

  /** A provider whose next outcome the test sets. */
  private static final class Switchable implements ChatProvider {
    volatile ProviderException failure;
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public ChatResponse chat(dev.aragora.core.provider.ChatRequest request, TokenListener tokens) {
      calls.incrementAndGet();
      if (failure != null) throw new ProviderException(failure.kind(), "anthropic", 0, "down");
      return reply();
    }
  }

  private static Kind kindOf(Fakes.Stack stack) {
    ProviderException e = catchThrowableOfType(ProviderException.class, stack::call);
    return e == null ? null : e.kind();
  }

  @Test
  void breakerOpensAfterThreeConsecutiveFailuresAndHalfOpensAfterSixtySeconds() throws InterruptedException {
    Switchable primary = new Switchable();
    primary.failure = failure(Kind.AUTH);
    Fakes.Stack stack = new Fakes.Stack(NO_FALLBACK, primary, Optional.empty(), CostModel.FREE);

    assertThat(kindOf(stack)).isEqualTo(Kind.AUTH);
    assertThat(kindOf(stack)).isEqualTo(Kind.AUTH);
    assertThat(kindOf(stack)).isEqualTo(Kind.AUTH);
    assertThat(primary.calls).hasValue(3);

    assertThat(kindOf(stack)).isEqualTo(Kind.CIRCUIT_OPEN);
    stack.clock.advance(Duration.ofSeconds(59));
    assertThat(kindOf(stack)).isEqualTo(Kind.CIRCUIT_OPEN);
    assertThat(primary.calls).as("no call while open").hasValue(3);

    stack.clock.advance(Duration.ofSeconds(1).plusMillis(1));
    primary.failure = null;
    assertThat(stack.call()).as("half-open trial call").isEqualTo(reply());
    assertThat(stack.call()).as("closed again").isEqualTo(reply());
    assertThat(primary.calls).hasValue(5);
  }

  @Test
  void failedTrialCallReopensTheBreaker() {
    Switchable primary = new Switchable();
    primary.failure = failure(Kind.QUOTA);
    Fakes.Stack stack = new Fakes.Stack(NO_FALLBACK, primary, Optional.empty(), CostModel.FREE);
    for (int i = 0; i < 3; i++) kindOf(stack);

    stack.clock.advance(Duration.ofSeconds(61));
    assertThat(kindOf(stack)).as("trial call").isEqualTo(Kind.QUOTA);
    assertThat(kindOf(stack)).isEqualTo(Kind.CIRCUIT_OPEN);
    assertThat(primary.calls).hasValue(4);
  }

  @Test
  void successResetsTheConsecutiveFailureCount() throws InterruptedException {
    Switchable primary = new Switchable();
    Fakes.Stack stack = new Fakes.Stack(NO_FALLBACK, primary, Optional.empty(), CostModel.FREE);

    primary.failure = failure(Kind.AUTH);
    kindOf(stack);
    kindOf(stack);
    primary.failure = null;
    stack.call();
    primary.failure = failure(Kind.AUTH);
    kindOf(stack);
    kindOf(stack);

    assertThat(kindOf(stack)).as("third consecutive failure still reaches the provider").isEqualTo(Kind.AUTH);
    assertThat(kindOf(stack)).isEqualTo(Kind.CIRCUIT_OPEN);
  }

  @Test
  void breakerCountsCallsNotAttempts() {
    Switchable primary = new Switchable();
    primary.failure = failure(Kind.SERVER_ERROR);
    Fakes.Stack stack = new Fakes.Stack(NO_FALLBACK, primary, Optional.empty(), CostModel.FREE);

    assertThat(kindOf(stack)).isEqualTo(Kind.SERVER_ERROR);
    assertThat(kindOf(stack)).isEqualTo(Kind.SERVER_ERROR);
    assertThat(primary.calls).as("two calls of four attempts each").hasValue(8);
    assertThat(kindOf(stack)).isEqualTo(Kind.SERVER_ERROR);
    assertThat(kindOf(stack)).isEqualTo(Kind.CIRCUIT_OPEN);
    assertThat(primary.calls).hasValue(12);
  }

  @Test
  void interruptedCallsDoNotCountAsFailures() {
    Switchable primary = new Switchable();
    primary.failure = failure(Kind.SERVER_ERROR);
    Sleeper interrupted = d -> { throw new InterruptedException(); };
    var provider = ResilientProvider.build(NO_FALLBACK, primary, Optional.empty(), ProviderEventListener.NONE,
        CostModel.FREE, interrupted, new Fakes.TestClock());

    for (int i = 0; i < 5; i++) {
      assertThat(catchThrowableOfType(InterruptedException.class,
          () -> provider.chat(Fakes.request(), TokenListener.NONE))).isNotNull();
    }
    assertThat(primary.calls).as("breaker never opened").hasValue(5);
  }

  @Test
  void eachBuiltProviderHasItsOwnBreaker() throws InterruptedException {
    Switchable primary = new Switchable();
    primary.failure = failure(Kind.AUTH);
    Fakes.Stack claude = new Fakes.Stack(NO_FALLBACK, primary, Optional.empty(), CostModel.FREE);
    for (int i = 0; i < 3; i++) kindOf(claude);
    assertThat(kindOf(claude)).isEqualTo(Kind.CIRCUIT_OPEN);

    primary.failure = null;
    Fakes.Stack other = new Fakes.Stack(NO_FALLBACK, primary, Optional.empty(), CostModel.FREE);
    assertThat(other.call()).isEqualTo(reply());
  }

  @Test
  void openBreakerFailsOverToTheFallback() throws InterruptedException {
    Switchable primary = new Switchable();
    primary.failure = failure(Kind.AUTH);
    Fakes.Scripted openRouter = new Fakes.Scripted(reply("openrouter", "anthropic/claude-sonnet-4.6"));
    Fakes.Stack stack = new Fakes.Stack(Settings.defaults("anthropic", "claude"), primary,
        Optional.of(new Fallback(openRouter, "openrouter", "anthropic/claude-sonnet-4.6")), CostModel.FREE);
    for (int i = 0; i < 3; i++) stack.call();

    assertThat(stack.call().provider()).isEqualTo("openrouter");
    assertThat(primary.calls).hasValue(3);
    assertThat(stack.listener.events).last().isEqualTo("callEnd");
    assertThat(stack.listener.events)
        .contains("fallbackUsed anthropic openrouter anthropic/claude-sonnet-4.6 circuit_open");
  }
}
