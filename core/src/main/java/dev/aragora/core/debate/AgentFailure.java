package dev.aragora.core.debate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AgentFailure(String phase, int round, String errorType, String message, String provider,
                           double timestamp) {}
