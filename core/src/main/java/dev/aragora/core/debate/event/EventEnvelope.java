package dev.aragora.core.debate.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * The wire form of an event: {type, data, timestamp, round, agent, seq, debate_id}. {@code seq}
 * starts at 1 and grows by exactly one per debate; {@code timestamp} is epoch seconds.
 */
@JsonPropertyOrder({"type", "data", "timestamp", "round", "agent", "seq", "debate_id"})
public record EventEnvelope(@JsonProperty("debate_id") String debateId, long seq, Instant at, int round,
                            String agent, DebateEvent data) {
  public EventEnvelope {
    requireNonNull(debateId, "debateId is null");
    if (seq < 1) throw new IllegalArgumentException("seq < 1: " + seq);
    requireNonNull(at, "at is null");
    agent = agent == null ? "" : agent;
    requireNonNull(data, "data is null");
  }

  @JsonProperty("type")
  public String type() {
    return DebateEvent.typeOf(data);
  }

  @JsonProperty("timestamp")
  public double timestamp() {
    return at.getEpochSecond() + at.getNano() / 1e9;
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public Instant at() {
    return at;
  }
}
