package dev.aragora.core.debate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** What one agent consumed over a debate, fallbacks and retried attempts included. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AgentUsage(long calls, long tokensIn, long tokensOut, double costUsd) {
  public static final AgentUsage ZERO = new AgentUsage(0, 0, 0, 0);

  public AgentUsage plus(long tokensIn, long tokensOut, double costUsd) {
    return new AgentUsage(calls + 1, this.tokensIn + tokensIn, this.tokensOut + tokensOut, this.costUsd + costUsd);
  }
}
