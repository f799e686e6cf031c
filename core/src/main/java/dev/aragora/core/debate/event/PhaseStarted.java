package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A phase began: proposal, critique, revision, convergence, vote, synthesis or consensus. */
@JsonTypeName("phase_start")
public record PhaseStarted(String phase) implements DebateEvent {}
