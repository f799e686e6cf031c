package dev.aragora.core.debate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.agent.Agent;
import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.agent.Prompts;
import dev.aragora.core.consensus.VoteWeights;
import dev.aragora.core.convergence.Similarity;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.EventSink;
import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.Usage;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Failure paths of a debate run with in-process providers (no resilience stack in between). */
class DebateRunRobustnessTest {
  private static final String QUESTION = "Which queue should we use?";

  /** Answers every phase sensibly; votes for the first candidate. */
  private static final ChatProvider STEADY = (request, tokens) -> {
    String prompt = request.messages().get(0).content();
    String text = switch (request.context().phase()) {
      case "critique" -> "{\"issues\":[\"vague\"],\"suggestions\":[\"be specific\"],\"severity\":3}";
      case "vote" -> "{\"choice\":\"" + Prompts.sectionNames(prompt).get(0) + "\",\"confidence\":0.8}";
      default -> request.context().agent() + " says round " + request.context().round() + " use a durable log";
    };
    if (request.stream()) tokens.onToken(text);
    return new ChatResponse(text, new Usage(10, 5), "fake", request.model(), "stop");
  };

  private static Arena arena(Function<AgentSpec, ChatProvider> providers) {
    return new Arena((specs, listeners) -> specs.stream()
        .map(s -> new Agent(s, providers.apply(s), "m", "", "", CostModel.FREE)).toList(),
        Similarity.tfidf(), VoteWeights.EQUAL, InstantSource.system(), DebateLimits.DEFAULTS);
  }

  private static DebateRequest request(Duration agentTimeout, Duration debateTimeout) {
    return DebateRequest.of(QUESTION, AgentSpec.parseList("demo:a,demo:b,demo:c")).withRounds(1)
        .withTimeouts(agentTimeout, debateTimeout);
  }

  @Test
  void aHangingAgentIsRecordedAsTimedOutAndTheOthersStillDecide() {
    ChatProvider hangsInCritique = (request, tokens) -> {
      if (request.context().phase().equals("critique")) Thread.sleep(60_000);
      return STEADY.chat(request, tokens);
    };
    Arena arena = arena(s -> s.name().equals("demo:c") ? hangsInCritique : STEADY);

    long start = System.nanoTime();
    DebateResult result = arena.run("d", request(Duration.ofMillis(200), Duration.ofSeconds(30)), EventSink.DISCARD,
        new DebateControl());

    assertThat(result.status()).isIn(DebateStatus.CONSENSUS_REACHED, DebateStatus.COMPLETED);
    assertThat(result.agentFailures().get("demo:c")).extracting(AgentFailure::errorType).containsOnly("timeout");
    assertThat(result.votes()).hasSize(3);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
  }

  @Test
  void noEventFollowsDebateEndEvenWhenACancelledCallKeepsStreaming() throws Exception {
    ChatProvider ignoresInterrupts = (request, tokens) -> {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
      while (System.nanoTime() < until) {
        tokens.onToken("x");
        Thread.onSpinWait();
      }
      return STEADY.chat(request, tokens);
    };
    List<EventEnvelope> events = Collections.synchronizedList(new ArrayList<>());
    DebateControl control = new DebateControl();
    Arena arena = arena(s -> ignoresInterrupts);
    CompletableFuture<DebateResult> run = CompletableFuture.supplyAsync(
        () -> arena.run("d", request(Duration.ofSeconds(5), Duration.ofSeconds(30)), events::add, control));
    Thread.sleep(150);
    control.cancel("test");

    DebateResult result = run.get(5, TimeUnit.SECONDS);
    Thread.sleep(800); // the spinning calls finish streaming meanwhile

    assertThat(result.status()).isEqualTo(DebateStatus.CANCELLED);
    synchronized (events) {
      assertThat(events.get(events.size() - 1).type()).isEqualTo("debate_end");
      for (int i = 0; i < events.size(); i++) assertThat(events.get(i).seq()).isEqualTo(i + 1);
    }
  }

  @Test
  void aSinkThatThrowsDoesNotFailTheDebate() {
    EventSink flaky = e -> {
      if (e.type().equals("critique")) throw new IllegalStateException("client gone");
    };

    DebateResult result = arena(s -> STEADY).run("d", request(Duration.ofSeconds(5), Duration.ofSeconds(30)), flaky,
        new DebateControl());

    assertThat(result.status()).isIn(DebateStatus.CONSENSUS_REACHED, DebateStatus.COMPLETED);
    assertThat(result.critiques()).hasSize(6);
  }

  @Test
  void anUnexpectedErrorEndsTheDebateAsFailedWithADebateEndEvent() {
    List<EventEnvelope> events = new ArrayList<>();
    Arena arena = new Arena((specs, listeners) -> specs.stream()
        .map(s -> new Agent(s, STEADY, "m", "", "", CostModel.FREE)).toList(),
        (a, b) -> { throw new IllegalStateException("scorer broke"); },
        VoteWeights.EQUAL, InstantSource.system(), DebateLimits.DEFAULTS);

    DebateResult result = arena.run("d", request(Duration.ofSeconds(5), Duration.ofSeconds(30)), events::add,
        new DebateControl());

    assertThat(result.status()).isEqualTo(DebateStatus.FAILED);
    assertThat(result.error()).contains("internal error", "scorer broke");
    assertThat(events.get(events.size() - 1).type()).isEqualTo("debate_end");
  }
}
