package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The debate was resumed from its stored events after its process stopped (a crash or a
 * checkpointing shutdown). Events with a seq greater than {@code fromSeq} and before this one
 * belong to an unfinished phase and are superseded: that phase is run again, from its
 * {@code round_start} or {@code phase_start}, by the events that follow.
 *
 * @param fromSeq the last event kept; everything after it up to this event is superseded
 * @param round the round of the phase that restarts
 * @param phase the phase that restarts: proposal, round, critique, revision, convergence, synthesis,
 *     vote or consensus
 * @param reason why the debate was resumed, e.g. "server restarted"
 */
@JsonTypeName("debate_resumed")
public record DebateResumed(long fromSeq, int round, String phase, String reason) implements DebateEvent {}
