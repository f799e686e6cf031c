package dev.aragora.core.debate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A position that did not win, kept so the decision shows who disagreed and why. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DissentRecord(String agent, String position, String votedFor, double confidence, String reasoning) {}
