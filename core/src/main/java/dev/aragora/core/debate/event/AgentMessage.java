package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.aragora.core.debate.AgentUsage;

/**
 * A complete text from an agent.
 *
 * @param role proposal, revision or synthesis
 * @param provider who actually answered (shows a fallback)
 * @param usage the agent's usage in this debate so far, this move included (resume restores it)
 */
@JsonTypeName("agent_message")
public record AgentMessage(String content, String role, String provider, String model, AgentUsage usage)
    implements DebateEvent {
  public AgentMessage {
    usage = usage == null ? AgentUsage.ZERO : usage;
  }
}
