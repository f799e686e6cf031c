package dev.aragora.core.agent;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.provider.ProviderCatalog;

/**
 * Who an agent is across debates: the provider that serves it and the model it asks for, e.g.
 * {@code anthropic/claude-sonnet-4-5}; demo agents are {@code demo/<persona>}. Ratings and
 * calibration are kept per identity, not per agent name (names are only unique within a debate).
 * The identity is the configured one: a call answered by a fallback provider still counts for the
 * agent that was asked.
 */
public record AgentIdentity(String provider, String model) {
  public AgentIdentity {
    requireNonNull(provider, "provider is null");
    requireNonNull(model, "model is null");
    if (provider.isBlank()) throw new IllegalArgumentException("provider is blank");
    if (provider.contains("/")) throw new IllegalArgumentException("provider contains '/': " + provider);
    if (model.isBlank()) throw new IllegalArgumentException("model is blank");
  }

  /** The identity an agent spec resolves to, without needing its API key. */
  public static AgentIdentity of(AgentSpec spec) {
    requireNonNull(spec, "spec is null");
    return new AgentIdentity(ProviderCatalog.providerNameFor(spec.type()), ProviderCatalog.modelFor(spec));
  }

  /**
   * The identity of an agent known only by its debate name ({@code openai-api:gpt-4o},
   * {@code demo#2}): the {@code #n} suffix that makes names unique is dropped.
   */
  public static AgentIdentity ofName(String agentName) {
    requireNonNull(agentName, "agentName is null");
    int hash = agentName.lastIndexOf('#');
    String spec = hash > 0 && agentName.substring(hash + 1).chars().allMatch(Character::isDigit)
        ? agentName.substring(0, hash) : agentName;
    return of(AgentSpec.parse(spec));
  }

  /** Parses {@code provider/model}; the model may itself contain {@code /}. */
  public static AgentIdentity parse(String id) {
    requireNonNull(id, "id is null");
    int slash = id.indexOf('/');
    if (slash <= 0 || slash == id.length() - 1)
      throw new IllegalArgumentException("agent identity must be provider/model: '" + id + "'");
    return new AgentIdentity(id.substring(0, slash), id.substring(slash + 1));
  }

  /** {@code provider/model}: the key ratings are stored under. */
  public String id() {
    return provider + "/" + model;
  }

  @Override
  public String toString() {
    return id();
  }
}
