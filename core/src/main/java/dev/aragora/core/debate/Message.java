package dev.aragora.core.debate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A text written during the debate: role is proposal, revision or synthesis. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Message(String role, String agent, String content, int round, double timestamp) {}
