package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("vote")
public record VoteCast(String choice, double confidence, String reasoning, boolean continueDebate)
    implements DebateEvent {}
