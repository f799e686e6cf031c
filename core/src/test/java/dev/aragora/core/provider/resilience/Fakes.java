package dev.aragora.core.provider.resilience;

import dev.aragora.core.provider.CallContext;
import dev.aragora.core.provider.ChatMessage;
import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import dev.aragora.core.provider.TokenListener;
import dev.aragora.core.provider.Usage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-process fakes shared by the resilience tests: no network, no real sleeping. */
final class Fakes {
  private Fakes() {}

  static ChatRequest request() {
    return new ChatRequest("claude-sonnet-4-6", "", List.of(ChatMessage.user("Is P = NP?")), 256, 0.7, false,
        Duration.ofSeconds(5), CallContext.none());
  }

  static ChatResponse reply(String provider, String model) {
    return new ChatResponse("an answer", new Usage(100, 50), provider, model, "stop");
  }

  static ChatResponse reply() {
    return reply("anthropic", "claude-sonnet-4-6");
  }

  static ProviderException failure(Kind kind) {
    return new ProviderException(kind, "anthropic", 0, kind.name());
  }

  static ProviderException rateLimited(Duration retryAfter) {
    return new ProviderException(Kind.RATE_LIMITED, "anthropic", 429, "slow down", retryAfter, null);
  }

  /** A provider that plays its outcomes in order (each a ChatResponse or a ProviderException), repeating the last. */
  static final class Scripted implements ChatProvider {
    private final List<Object> outcomes;
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    Scripted(Object... outcomes) {
      this.outcomes = List.of(outcomes);
    }

    @Override
    public synchronized ChatResponse chat(ChatRequest request, TokenListener tokens) {
      requests.add(request);
      Object outcome = outcomes.get(Math.min(requests.size(), outcomes.size()) - 1);
      if (outcome instanceof ProviderException e) {
        // a fresh exception per attempt, as a real codec would throw
        throw new ProviderException(e.kind(), e.provider(), e.status(), e.getMessage(), e.retryAfter().orElse(null), null);
      }
      return (ChatResponse) outcome;
    }

    int calls() {
      return requests.size();
    }
  }

  static final class TestClock implements InstantSource {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  static final class RecordingSleeper implements Sleeper {
    final List<Duration> slept = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
      slept.add(duration);
    }
  }

  /** Records events as short strings, e.g. {@code attemptFailed 1 server_error}. */
  static final class RecordingListener implements ProviderEventListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Double> costs = new CopyOnWriteArrayList<>();

    @Override public void callStart(ChatRequest request) { events.add("callStart"); }

    @Override public void attemptFailed(ChatRequest request, int attempt, ProviderException failure) {
      events.add("attemptFailed " + attempt + " " + failure.errorType());
    }

    @Override public void retryDecision(ChatRequest request, int attempt, Duration delay) {
      events.add("retryDecision " + attempt + " " + delay);
    }

    @Override public void fallbackUsed(String from, String to, String model, String reason) {
      events.add("fallbackUsed " + from + " " + to + " " + model + " " + reason);
    }

    @Override public void attemptSucceeded(ChatRequest request, ChatResponse response, double costUsd) {
      events.add("attemptSucceeded " + response.provider() + " " + response.model());
      costs.add(costUsd);
    }

    @Override public void callEnd(ChatRequest request, ChatResponse response) { events.add("callEnd"); }

    @Override public void callFailed(ChatRequest request, ProviderException failure) {
      events.add("callFailed " + failure.errorType());
    }

    @Override public void callCanceled(ChatRequest request) { events.add("callCanceled"); }
  }

  /** The stack around {@code primary} with test time, a recording sleeper and listener. */
  static final class Stack {
    final TestClock clock = new TestClock();
    final RecordingSleeper sleeper = new RecordingSleeper();
    final RecordingListener listener = new RecordingListener();
    final ChatProvider provider;

    Stack(Settings settings, ChatProvider primary, Optional<Fallback> fallback, CostModel costs) {
      provider = ResilientProvider.build(settings, primary, fallback, listener, costs, sleeper, clock);
    }

    Stack(ChatProvider primary) {
      this(Settings.defaults("anthropic", "claude"), primary, Optional.empty(), CostModel.FREE);
    }

    ChatResponse call() throws InterruptedException {
      return provider.chat(request(), TokenListener.NONE);
    }
  }
}
