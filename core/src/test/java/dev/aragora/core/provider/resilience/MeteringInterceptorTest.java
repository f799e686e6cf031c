package dev.aragora.core.provider.resilience;

import static dev.aragora.core.provider.resilience.Fakes.failure;
import static dev.aragora.core.provider.resilience.Fakes.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.TokenListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MeteringInterceptorTest {
  /** $1 per 1k input and $2 per 1k output tokens; remembers what it priced. */
  private final List<String> priced = new CopyOnWriteArrayList<>();
  private final CostModel costs = (provider, model, usage) -> {
    priced.add(provider + "/" + model);
    return usage.inputTokens() / 1000.0 + 2 * usage.outputTokens() / 1000.0;
  };

  @Test
  void meteringCountsEveryBilledAttempt() throws InterruptedException {
    Fakes.Scripted primary = new Fakes.Scripted(failure(Kind.SERVER_ERROR), failure(Kind.NETWORK), reply());
    Fakes.Stack stack = new Fakes.Stack(Settings.defaults("anthropic", "claude"), primary, Optional.empty(), costs);

    stack.call();

    assertThat(stack.listener.events).containsExactly(
        "callStart",
        "attemptFailed 1 server_error", "retryDecision 1 PT1S",
        "attemptFailed 2 network", "retryDecision 2 PT2S",
        "attemptSucceeded anthropic claude-sonnet-4-6",
        "callEnd");
    assertThat(stack.listener.costs).containsExactly(0.2);
  }

  @Test
  void pricesEachReplyByTheProviderAndModelThatAnswered() throws InterruptedException {
    Fakes.Scripted primary = new Fakes.Scripted(failure(Kind.AUTH));
    Fakes.Scripted openRouter = new Fakes.Scripted(reply("openrouter", "anthropic/claude-sonnet-4.6"));
    Fakes.Stack stack = new Fakes.Stack(Settings.defaults("anthropic", "claude"), primary,
        Optional.of(new Fallback(openRouter, "openrouter", "anthropic/claude-sonnet-4.6")), costs);

    stack.call();

    assertThat(priced).containsExactly("openrouter/anthropic/claude-sonnet-4.6");
    assertThat(stack.listener.costs).containsExactly(0.2);
  }

  @Test
  void attemptsAreNumberedPerCall() throws InterruptedException {
    Fakes.Scripted primary = new Fakes.Scripted(failure(Kind.SERVER_ERROR), reply(), failure(Kind.SERVER_ERROR), reply());
    Fakes.Stack stack = new Fakes.Stack(primary);

    stack.call();
    stack.call();

    assertThat(stack.listener.events).filteredOn(e -> e.startsWith("attemptFailed"))
        .containsExactly("attemptFailed 1 server_error", "attemptFailed 1 server_error");
  }

  @Test
  void listenerHearsEveryFailedAttemptEvenWhenTheCallFails() {
    Fakes.Scripted primary = new Fakes.Scripted(failure(Kind.TIMEOUT));
    Fakes.Stack stack = new Fakes.Stack(Settings.defaults("anthropic", "claude"), primary, Optional.empty(), costs);

    org.assertj.core.api.Assertions.catchThrowableOfType(ProviderException.class, stack::call);

    assertThat(stack.listener.events).filteredOn(e -> e.startsWith("attemptFailed")).hasSize(4);
    assertThat(priced).isEmpty();
  }

  @Test
  void eachAttemptEndsWithItsProviderNumberTimingAndOutcome() throws InterruptedException {
    Fakes.Scripted primary = new Fakes.Scripted(failure(Kind.SERVER_ERROR), failure(Kind.AUTH));
    Fakes.Scripted openRouter = new Fakes.Scripted(reply("openrouter", "anthropic/claude-sonnet-4.6"));
    List<Attempt> attempts = new CopyOnWriteArrayList<>();
    Fakes.TestClock clock = new Fakes.TestClock();
    ChatProvider slow = (request, tokens) -> {
      clock.advance(Duration.ofMillis(1500));
      return primary.chat(request, tokens);
    };
    ChatProvider slowFallback = (request, tokens) -> {
      clock.advance(Duration.ofMillis(700));
      return openRouter.chat(request, tokens);
    };
    ChatProvider stack = ResilientProvider.build(Settings.defaults("anthropic", "claude"), slow,
        Optional.of(new Fallback(slowFallback, "openrouter", "anthropic/claude-sonnet-4.6")),
        new ProviderEventListener() {
          @Override public void attemptEnded(Attempt attempt) { attempts.add(attempt); }
        }, costs, new Fakes.RecordingSleeper(), clock);

    stack.chat(Fakes.request(), TokenListener.NONE);

    assertThat(attempts).extracting(Attempt::provider, Attempt::number, Attempt::elapsed, Attempt::succeeded)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("anthropic", 1, Duration.ofMillis(1500), false),
            org.assertj.core.groups.Tuple.tuple("anthropic", 2, Duration.ofMillis(1500), false),
            org.assertj.core.groups.Tuple.tuple("openrouter", 1, Duration.ofMillis(700), true));
    assertThat(attempts.get(0).started()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(attempts.get(1).failure()).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(Kind.AUTH));
    assertThat(attempts.get(2).request().model()).isEqualTo("anthropic/claude-sonnet-4.6");
    assertThat(attempts.get(2).response()).hasValueSatisfying(r -> assertThat(r.usage().inputTokens()).isEqualTo(100));
    assertThat(attempts.get(2).costUsd()).isEqualTo(0.2);
  }

  @Test
  void bothListenersHearEveryEventInOrder() throws InterruptedException {
    Fakes.RecordingListener first = new Fakes.RecordingListener();
    Fakes.RecordingListener second = new Fakes.RecordingListener();
    List<String> ended = new CopyOnWriteArrayList<>();
    ProviderEventListener timing = new ProviderEventListener() {
      @Override public void attemptEnded(Attempt attempt) { ended.add(attempt.provider() + " " + attempt.number()); }
    };
    ChatProvider stack = ResilientProvider.build(Settings.defaults("anthropic", "claude"),
        new Fakes.Scripted(failure(Kind.SERVER_ERROR), reply()), Optional.empty(),
        ProviderEventListener.both(ProviderEventListener.both(first, timing), second), CostModel.FREE,
        new Fakes.RecordingSleeper(), new Fakes.TestClock());

    stack.chat(Fakes.request(), TokenListener.NONE);

    assertThat(first.events).isEqualTo(second.events).contains("attemptFailed 1 server_error", "callEnd");
    assertThat(ended).containsExactly("anthropic 1", "anthropic 2");
    assertThat(ProviderEventListener.both(ProviderEventListener.NONE, first)).isSameAs(first);
    assertThat(ProviderEventListener.both(first, null)).isSameAs(first);
  }
}
