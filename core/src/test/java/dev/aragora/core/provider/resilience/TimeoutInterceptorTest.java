package dev.aragora.core.provider.resilience;

import static dev.aragora.core.provider.resilience.Fakes.failure;
import static dev.aragora.core.provider.resilience.Fakes.reply;
import static dev.aragora.core.provider.resilience.Fakes.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import dev.aragora.core.provider.TokenListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimeoutInterceptorTest {
  private static final Settings NO_RETRIES =
      Settings.defaults("anthropic", "claude").withMaxRetries(0).withFallbackEnabled(false);

  @Test
  void slowProviderTimesOut() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    ChatProvider hanging = (request, tokens) -> {
      try {
        new CountDownLatch(1).await(); // ignores request.timeout(), blocks forever
        return reply();
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
    };
    ChatProvider provider = ResilientProvider.build(NO_RETRIES, hanging, Optional.empty(), ProviderEventListener.NONE,
        CostModel.FREE, Sleeper.SYSTEM, new Fakes.TestClock());

    ProviderException thrown = catchThrowableOfType(ProviderException.class,
        () -> provider.chat(request().withTimeout(Duration.ofMillis(150)), TokenListener.NONE));

    assertThat(thrown.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(thrown.provider()).isEqualTo("anthropic");
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the hung attempt was interrupted").isTrue();
  }

  @Test
  void attemptRunsOnAVirtualThreadAndStreamsTokens() throws InterruptedException {
    List<Boolean> virtual = new ArrayList<>();
    List<String> deltas = new ArrayList<>();
    ChatProvider streaming = (request, tokens) -> {
      virtual.add(Thread.currentThread().isVirtual());
      tokens.onToken("an answer");
      return reply();
    };
    ChatProvider provider = ResilientProvider.build(NO_RETRIES, streaming, Optional.empty(), ProviderEventListener.NONE,
        CostModel.FREE, Sleeper.SYSTEM, new Fakes.TestClock());

    assertThat(provider.chat(request(), deltas::add)).isEqualTo(reply());
    assertThat(virtual).containsExactly(true);
    assertThat(deltas).containsExactly("an answer");
  }

  @Test
  void providerFailuresPassThroughUnchanged() {
    ProviderException original = failure(Kind.BAD_REQUEST);
    ChatProvider failing = (request, tokens) -> { throw original; };
    ChatProvider provider = ResilientProvider.build(NO_RETRIES, failing, Optional.empty(), ProviderEventListener.NONE,
        CostModel.FREE, Sleeper.SYSTEM, new Fakes.TestClock());

    assertThat(catchThrowableOfType(ProviderException.class, () -> provider.chat(request(), TokenListener.NONE)))
        .isSameAs(original);
  }

  @Test
  void callerInterruptCancelsTheAttempt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch attemptInterrupted = new CountDownLatch(1);
    ChatProvider hanging = (request, tokens) -> {
      started.countDown();
      try {
        new CountDownLatch(1).await();
        return reply();
      } catch (InterruptedException e) {
        attemptInterrupted.countDown();
        throw e;
      }
    };
    ChatProvider provider = ResilientProvider.build(NO_RETRIES, hanging, Optional.empty(), ProviderEventListener.NONE,
        CostModel.FREE, Sleeper.SYSTEM, new Fakes.TestClock());
    List<Throwable> outcome = new ArrayList<>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        provider.chat(request(), TokenListener.NONE);
      } catch (Throwable t) {
        outcome.add(t);
      }
    });

    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    caller.join(5000);

    assertThat(outcome).singleElement().isInstanceOf(InterruptedException.class);
    assertThat(attemptInterrupted.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
