package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.aragora.core.debate.AgentUsage;

/** @param usage the voter's usage in this debate so far, this vote included (resume restores it) */
@JsonTypeName("vote")
public record VoteCast(String choice, double confidence, String reasoning, boolean continueDebate, AgentUsage usage)
    implements DebateEvent {
  public VoteCast {
    usage = usage == null ? AgentUsage.ZERO : usage;
  }
}
