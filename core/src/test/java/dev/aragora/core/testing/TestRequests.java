package dev.aragora.core.testing;

import dev.aragora.core.provider.CallContext;
import dev.aragora.core.provider.ChatMessage;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.TokenListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Small builders for provider tests. */
public final class TestRequests {
  public static final String SYSTEM = "You are a careful debater.";
  public static final String QUESTION = "Is 17 prime?";

  private TestRequests() {}

  /** A system prompt, a user turn, an assistant turn and a follow-up user turn. */
  public static ChatRequest chat(String model, boolean stream, Duration timeout) {
    return new ChatRequest(model, SYSTEM,
        List.of(ChatMessage.user(QUESTION), ChatMessage.assistant("Yes."), ChatMessage.user("Explain briefly.")),
        256, 0.7, stream, timeout, CallContext.none());
  }

  public static ChatRequest chat(String model, boolean stream) {
    return chat(model, stream, Duration.ofSeconds(10));
  }

  /** Records streamed deltas in arrival order. */
  public static final class Tokens implements TokenListener {
    private final List<String> deltas = new CopyOnWriteArrayList<>();

    @Override
    public void onToken(String delta) {
      deltas.add(delta);
    }

    public List<String> deltas() {
      return List.copyOf(deltas);
    }
  }
}
