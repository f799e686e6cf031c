package dev.aragora.core.debate.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.debate.AgentUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  private final ObjectMapper json = new ObjectMapper();
  private final EventCodec codec = new EventCodec(json);

  @Test
  void everyEventTypeReadsBackAsWritten() throws Exception {
    List<DebateEvent> events = List.of(
        new DebateStarted("Why?", List.of("a", "b"), 2, "majority", "all-to-all"),
        new RoundStarted(1, 2), new PhaseStarted("critique"),
        new AgentMessage("text", "proposal", "openai", "gpt", new AgentUsage(1, 10, 5, 0.25)),
        new TokenDelta("tok", "revision"),
        new CritiquePosted("b", List.of("vague"), List.of("be specific"), 6, "why", new AgentUsage(2, 20, 10, 0.5)),
        new VoteCast("b", 0.8, "because", false, new AgentUsage(3, 30, 15, 0.75)),
        new ConvergenceChecked("refining", 0.5, Map.of("a", 0.5), "tfidf"),
        new ConsensusDecided(true, 0.7, "answer", "b", "majority", "strong", "consensus_reached"),
        new AgentError("timeout", "slow", true, "vote", "openai", false),
        new AgentFallback("openai", "openrouter", "m", "down"),
        new DebateEnded("completed", 1.5, 2, false, 0.4, 0.01, ""),
        new DebateResumed(7, 1, "critique", "server restarted"));
    assertThat(events).<Class<?>>extracting(e -> e.getClass())
        .containsExactlyInAnyOrder(DebateEvent.class.getPermittedSubclasses());
    long seq = 1;
    for (DebateEvent event : events) {
      var envelope = new EventEnvelope("d-1", seq++, Instant.ofEpochSecond(1_700_000_000L, 250_000_000), 1, "a", event);

      EventEnvelope back = codec.decode(json.writeValueAsString(envelope));

      assertThat(back).isEqualTo(envelope);
    }
  }

  @Test
  void eventsStoredBeforeUsageWasRecordedReadWithZeroUsage() {
    EventEnvelope e = codec.decode("{\"type\":\"vote\",\"data\":{\"choice\":\"b\",\"confidence\":0.5,\"reasoning\":\"\","
        + "\"continueDebate\":false,\"later\":1},\"timestamp\":1.5,\"round\":3,\"agent\":\"a\",\"seq\":4,\"debate_id\":\"d\"}");

    assertThat(((VoteCast) e.data()).usage()).isEqualTo(AgentUsage.ZERO);
    assertThat(e.seq()).isEqualTo(4);
  }

  @Test
  void anUnknownTypeOrAMissingFieldIsAnError() {
    assertThatIllegalArgumentException().isThrownBy(() -> codec.decode(
        "{\"type\":\"nope\",\"data\":{},\"timestamp\":1,\"round\":0,\"agent\":\"\",\"seq\":1,\"debate_id\":\"d\"}"))
        .withMessageContaining("unknown event type 'nope'");
    assertThatIllegalArgumentException().isThrownBy(() -> codec.decode(
        "{\"type\":\"round_start\",\"data\":{\"round\":1,\"totalRounds\":2},\"timestamp\":1,\"round\":1,\"agent\":\"\",\"debate_id\":\"d\"}"))
        .withMessageContaining("'seq'");
    assertThatIllegalArgumentException().isThrownBy(() -> codec.decode("not json"));
  }
}
