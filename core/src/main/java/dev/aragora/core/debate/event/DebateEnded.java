package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("debate_end")
public record DebateEnded(String status, double duration, int rounds, boolean consensusReached, double confidence,
                          double totalCostUsd, String error) implements DebateEvent {}
