package dev.aragora.core.debate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One agent's vote. {@code choice} names the agent whose position it supports (or, when voting on
 * a judge's synthesis, {@code accept} / {@code reject}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Vote(String agent, String choice, double confidence, String reasoning, boolean continueDebate) {
  public static final String ACCEPT = "accept";
  public static final String REJECT = "reject";

  public Vote {
    requireNonNull(agent, "agent is null");
    requireNonNull(choice, "choice is null");
    if (!(confidence >= 0 && confidence <= 1)) throw new IllegalArgumentException("confidence out of [0,1]: " + confidence);
    reasoning = reasoning == null ? "" : reasoning;
  }
}
