package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * @param recoverable true when the debate goes on without this agent's contribution
 */
@JsonTypeName("agent_error")
public record AgentError(String errorType, String message, boolean recoverable, String phase, String provider)
    implements DebateEvent {}
