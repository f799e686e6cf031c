package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("consensus")
public record ConsensusDecided(boolean reached, double confidence, String answer, String winner, String mode,
                               String strength, String status) implements DebateEvent {}
