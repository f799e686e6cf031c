package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * @param recoverable true when the debate goes on without this agent's contribution
 * @param retrying true when the failed attempt is being retried (the move may still succeed); false
 *     when the move failed for good and is recorded among the result's agent failures
 */
@JsonTypeName("agent_error")
public record AgentError(String errorType, String message, boolean recoverable, String phase, String provider,
                         boolean retrying) implements DebateEvent {}
