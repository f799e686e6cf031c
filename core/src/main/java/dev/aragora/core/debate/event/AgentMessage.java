package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A complete text from an agent.
 *
 * @param role proposal, revision or synthesis
 * @param provider who actually answered (shows a fallback)
 */
@JsonTypeName("agent_message")
public record AgentMessage(String content, String role, String provider, String model) implements DebateEvent {}
