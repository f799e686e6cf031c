package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Everything a debate reports while it runs. Each record's {@code @JsonTypeName} is the wire
 * {@code type} of the envelope; the record itself is the envelope's {@code data}, in snake_case
 * like the rest of the API (Jackson applies this interface's naming to every record).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonSubTypes({
    @JsonSubTypes.Type(DebateStarted.class), @JsonSubTypes.Type(RoundStarted.class),
    @JsonSubTypes.Type(PhaseStarted.class), @JsonSubTypes.Type(AgentMessage.class),
    @JsonSubTypes.Type(TokenDelta.class), @JsonSubTypes.Type(CritiquePosted.class),
    @JsonSubTypes.Type(VoteCast.class), @JsonSubTypes.Type(ConvergenceChecked.class),
    @JsonSubTypes.Type(ConsensusDecided.class), @JsonSubTypes.Type(AgentError.class),
    @JsonSubTypes.Type(AgentFallback.class), @JsonSubTypes.Type(DebateEnded.class),
    @JsonSubTypes.Type(DebateResumed.class)
})
public sealed interface DebateEvent
    permits DebateStarted, RoundStarted, PhaseStarted, AgentMessage, TokenDelta, CritiquePosted,
        VoteCast, ConvergenceChecked, ConsensusDecided, AgentError, AgentFallback, DebateEnded, DebateResumed {

  /** The wire type name, e.g. {@code debate_start}. */
  static String typeOf(DebateEvent event) {
    return EventTypes.NAMES.get(event.getClass());
  }
}
