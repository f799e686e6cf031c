package dev.aragora.bench;

import dev.aragora.core.agent.Prompts;
import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.TokenListener;
import dev.aragora.core.provider.Usage;
import java.time.Duration;
import java.util.List;

/**
 * A fake LLM that costs almost no CPU: every call blocks for exactly L, then returns a canned reply
 * that meets the phase's contract (free text, critique JSON, vote JSON), streamed as 24 tokens when
 * asked. Each round's revision uses its own vocabulary, so answers never converge and every debate
 * runs all its rounds — the critical path is then fixed at (1 + 2R + 1) × L.
 */
final class FixedLatencyProvider implements ChatProvider {
  private static final List<String> ROUND_WORDS = List.of(
      "latency throughput capacity budget", "risk rollback migration staffing", "vendor licence support contract",
      "security audit compliance privacy", "customer churn revenue pricing");

  private final Duration latency;

  FixedLatencyProvider(Duration latency) {
    this.latency = latency;
  }

  @Override
  public ChatResponse chat(ChatRequest request, TokenListener tokens) throws InterruptedException {
    Thread.sleep(latency);
    String agent = request.context().agent();
    String prompt = request.messages().get(request.messages().size() - 1).content();
    String text = switch (request.context().phase()) {
      case "critique" -> "{\"issues\":[\"the cost estimate is missing\"],\"suggestions\":[\"add a budget\"],"
          + "\"severity\":4,\"reasoning\":\"incomplete\"}";
      case "vote" -> {
        List<String> names = Prompts.sectionNames(prompt);
        yield "{\"choice\":\"" + names.get(Math.floorMod(agent.hashCode(), Math.max(1, names.size() - 1)))
            + "\",\"confidence\":0.7,\"reasoning\":\"best supported\",\"continue_debate\":false}";
      }
      case "judge_vote" -> "{\"choice\":\"accept\",\"confidence\":0.8,\"reasoning\":\"fair\",\"continue_debate\":false}";
      default -> agent + " round " + request.context().round() + ": "
          + ROUND_WORDS.get(request.context().round() % ROUND_WORDS.size()) + " " + agent.replace(':', ' ')
          + " recommends a staged adoption with measured checkpoints and a clear owner for each stage of the work.";
    };
    if (request.stream()) {
      int n = 24;
      int step = Math.max(1, text.length() / n);
      for (int i = 0; i < text.length(); i += step) tokens.onToken(text.substring(i, Math.min(text.length(), i + step)));
    }
    return new ChatResponse(text, new Usage(prompt.length() / 4, text.length() / 4), "fake", "fixed", "stop");
  }
}
