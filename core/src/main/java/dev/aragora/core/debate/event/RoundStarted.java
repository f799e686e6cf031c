package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("round_start")
public record RoundStarted(int round, int totalRounds) implements DebateEvent {}
