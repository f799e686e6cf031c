package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("agent_fallback_triggered")
public record AgentFallback(String fromProvider, String toProvider, String toModel, String reason)
    implements DebateEvent {}
