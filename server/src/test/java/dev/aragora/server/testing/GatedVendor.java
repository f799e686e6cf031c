package dev.aragora.server.testing;

import dev.aragora.core.testing.FakeVendorServer;
import dev.aragora.core.testing.RecordedRequest;
import dev.aragora.core.testing.Scripted;
import dev.aragora.core.testing.VendorBodies;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fake OpenAI-compatible vendor whose answers wait until the test opens the gate, so that a
 * debate stays running exactly as long as the test wants. Agents: {@code openai-api,openai-api:gpt-4o-mini}.
 */
public final class GatedVendor implements AutoCloseable {
  public static final String AGENTS = "openai-api,openai-api:gpt-4o-mini";

  private final FakeVendorServer server = FakeVendorServer.start();
  private final AtomicBoolean open = new AtomicBoolean();
  private final Object gate = new Object();

  public GatedVendor() {
    server.dispatcher(this::answer);
  }

  /** The environment that points openai-api agents at this vendor. */
  public Map<String, String> env(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(more);
    env.put("OPENAI_API_KEY", "sk-test-gated");
    env.put("OPENAI_BASE_URL", server.baseUrl() + "/v1");
    env.put("ARAGORA_SIMILARITY_BACKEND", "tfidf");
    return env;
  }

  public int requestCount() {
    return server.requestCount();
  }

  public void open() {
    synchronized (gate) {
      open.set(true);
      gate.notifyAll();
    }
  }

  private Scripted answer(RecordedRequest request) {
    synchronized (gate) {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!open.get() && System.nanoTime() < until) {
        try {
          gate.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return debaterReply(request);
  }

  /**
   * What an OpenAI-compatible debater answers: a critique, a vote for "openai-api", or a proposal,
   * by the prompt it was sent, in the vendor's wire format (streamed when asked).
   */
  public static Scripted debaterReply(RecordedRequest request) {
    String prompt = request.body();
    String text;
    if (prompt.contains("Critique this answer")) {
      text = "{\"issues\":[\"no benchmark\"],\"suggestions\":[\"measure it\"],\"severity\":4,\"reasoning\":\"thin\"}";
    } else if (prompt.contains("Vote for the position")) {
      text = "{\"choice\":\"openai-api\",\"confidence\":0.8,\"reasoning\":\"clearest\",\"continue_debate\":false}";
    } else {
      text = "Use PostgreSQL: it is boring, well understood and scales far enough.";
    }
    return VendorBodies.replyFor(request, text, 120, 40);
  }

  @Override
  public void close() {
    open();
    server.close();
  }
}
