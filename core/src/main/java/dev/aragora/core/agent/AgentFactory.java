package dev.aragora.core.agent;

import dev.aragora.core.provider.resilience.ProviderEventListener;
import java.util.List;
import java.util.function.Function;

/** Builds a debate's agents (providers, resilience, stances) from their specs. */
@FunctionalInterface
public interface AgentFactory {
  /**
   * @param listeners the listener for each agent's provider calls, by agent name
   * @throws IllegalArgumentException naming the fix when an agent cannot be built (e.g. a missing key)
   */
  List<Agent> create(List<AgentSpec> specs, Function<String, ProviderEventListener> listeners);
}
