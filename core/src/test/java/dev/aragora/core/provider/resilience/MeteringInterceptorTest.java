package dev.aragora.core.provider.resilience;

import static dev.aragora.core.provider.resilience.Fakes.failure;
import static dev.aragora.core.provider.resilience.Fakes.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
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
}
