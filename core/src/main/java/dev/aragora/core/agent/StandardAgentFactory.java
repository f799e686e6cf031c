package dev.aragora.core.agent;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderCatalog;
import dev.aragora.core.provider.resilience.Fallback;
import dev.aragora.core.provider.resilience.ProviderEventListener;
import dev.aragora.core.provider.resilience.ResilientProvider;
import dev.aragora.core.provider.resilience.Settings;
import dev.aragora.core.provider.resilience.Sleeper;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Agents backed by real providers: the catalog resolves a spec to a client and model, and every
 * client is wrapped in the resilience stack (fallback → breaker → retry → metering → timeout).
 * A fresh stack per debate gives each agent its own circuit breaker, reset at debate start.
 */
public final class StandardAgentFactory implements AgentFactory {
  /** Types that have no OpenRouter counterpart or already are OpenRouter. */
  private static final Set<String> NO_FALLBACK = Set.of("demo", "ollama", "openrouter", "deepseek");

  private final ProviderCatalog catalog;
  private final CostModel costs;
  private final ProviderEventListener global;
  private final boolean fallbackEnabled;
  private final Sleeper sleeper;
  private final InstantSource clock;
  private final int maxRetries;

  /**
   * @param global observes every agent's calls (the server maps it to metrics)
   * @param fallbackEnabled ARAGORA_OPENROUTER_FALLBACK_ENABLED
   */
  public StandardAgentFactory(ProviderCatalog catalog, CostModel costs, ProviderEventListener global,
                              boolean fallbackEnabled, Sleeper sleeper, InstantSource clock, int maxRetries) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.costs = requireNonNull(costs, "costs is null");
    this.global = requireNonNull(global, "global is null");
    this.fallbackEnabled = fallbackEnabled;
    this.sleeper = requireNonNull(sleeper, "sleeper is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.maxRetries = maxRetries;
  }

  @Override
  public List<Agent> create(List<AgentSpec> specs, Function<String, ProviderEventListener> listeners) {
    List<Agent> agents = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      AgentSpec spec = specs.get(i);
      ProviderCatalog.Resolved resolved = catalog.resolve(spec);
      Optional<Fallback> fallback = fallbackEnabled && !NO_FALLBACK.contains(spec.type())
          ? catalog.openRouter().map(p -> new Fallback(p, "openrouter", catalog.openRouterModelFor(spec)))
          : Optional.empty();
      Settings settings = Settings.defaults(resolved.providerName(), spec.name())
          .withMaxRetries(maxRetries).withFallbackEnabled(fallbackEnabled);
      ChatProvider provider = ResilientProvider.build(settings, resolved.provider(), fallback,
          ProviderEventListener.both(global, listeners.apply(spec.name())), costs, sleeper, clock);
      String persona = spec.isDemo() ? spec.model() : Stances.role(i);
      agents.add(new Agent(spec, provider, resolved.model(), Stances.stance(i), persona, costs));
    }
    return agents;
  }
}
