package dev.aragora.core.debate.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {
  @Test
  void serialisesAsTypeDataTimestampRoundAgentSeqDebateId() {
    var envelope = new EventEnvelope("d-1", 7, Instant.ofEpochSecond(1_700_000_000L, 500_000_000), 2, "gemini",
        new TokenDelta("Hel", "proposal"));

    JsonNode json = new ObjectMapper().valueToTree(envelope);

    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("type", "data", "timestamp", "round", "agent", "seq", "debate_id");
    assertThat(json.get("type").asText()).isEqualTo("token_delta");
    assertThat(json.get("data").get("token").asText()).isEqualTo("Hel");
    assertThat(json.get("data").get("phase").asText()).isEqualTo("proposal");
    assertThat(json.get("timestamp").asDouble()).isEqualTo(1_700_000_000.5);
    assertThat(json.get("round").asInt()).isEqualTo(2);
    assertThat(json.get("agent").asText()).isEqualTo("gemini");
    assertThat(json.get("seq").asLong()).isEqualTo(7);
    assertThat(json.get("debate_id").asText()).isEqualTo("d-1");
  }

  @Test
  void eventDataUsesSnakeCaseLikeTheRestOfTheApi() {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode round = mapper.valueToTree(new RoundStarted(1, 3));
    JsonNode end = mapper.valueToTree(new DebateEnded("completed", 1.5, 2, true, 0.8, 0.01, ""));

    assertThat(round.has("total_rounds")).isTrue();
    assertThat(end.has("consensus_reached")).isTrue();
    assertThat(end.has("total_cost_usd")).isTrue();
    assertThat(end.has("totalCostUsd")).isFalse();
  }

  @Test
  void everyEventHasAWireTypeName() {
    assertThat(DebateEvent.class.getPermittedSubclasses()).allSatisfy(type ->
        assertThat(EventTypes.NAMES.get(type)).as(type.getSimpleName()).isNotBlank());
  }

  @Test
  void sequenceNumbersStartAtOne() {
    assertThatIllegalArgumentException().isThrownBy(() ->
        new EventEnvelope("d-1", 0, Instant.EPOCH, 0, "", new TokenDelta("x", "proposal")));
  }
}
