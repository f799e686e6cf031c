package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A streamed fragment of the text an agent is writing in {@code phase}. */
@JsonTypeName("token_delta")
public record TokenDelta(String token, String phase) implements DebateEvent {}
