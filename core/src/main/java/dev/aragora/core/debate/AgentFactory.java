package dev.aragora.core.debate;

import dev.aragora.core.agent.Agent;
import dev.aragora.core.agent.AgentSpec;
import java.util.List;

/** Builds a debate's agents (providers, resilience, stances) from their specs. */
@FunctionalInterface
public interface AgentFactory {
  /** @throws IllegalArgumentException naming the fix when an agent cannot be built (e.g. a missing key) */
  List<Agent> create(List<AgentSpec> specs);
}
