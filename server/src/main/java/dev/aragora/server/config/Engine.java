package dev.aragora.server.config;

import dev.aragora.core.agent.StandardAgentFactory;
import dev.aragora.core.consensus.VoteWeights;
import dev.aragora.core.convergence.Similarity;
import dev.aragora.core.debate.Arena;
import dev.aragora.core.provider.PriceTable;
import dev.aragora.core.provider.ProviderCatalog;
import dev.aragora.core.provider.demo.DemoProvider;
import dev.aragora.core.provider.resilience.ProviderEventListener;
import dev.aragora.core.provider.resilience.Sleeper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Executors;

/** Wires an {@link Arena} from the environment: catalog, prices, resilience, similarity. */
public record Engine(EngineConfig config, ProviderCatalog catalog, Arena arena) {
  public static Engine fromEnvironment(Map<String, String> env, ProviderEventListener listener) {
    return fromEnvironment(env, listener, VoteWeights.EQUAL);
  }

  /** With {@code weights} for every debate's votes (the server passes the stored ratings' weights). */
  public static Engine fromEnvironment(Map<String, String> env, ProviderEventListener listener, VoteWeights weights) {
    EngineConfig config = EngineConfig.fromEnvironment(env);
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .version(HttpClient.Version.HTTP_1_1)
        // Completions run on virtual threads, never on the common pool that callers may be blocking.
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();
    ProviderCatalog catalog = new ProviderCatalog(env, http, spec -> new DemoProvider(spec.model()));
    StandardAgentFactory agents = new StandardAgentFactory(catalog, PriceTable.bundled(), listener,
        config.fallbackEnabled(), Sleeper.SYSTEM, InstantSource.system(), 3);
    Arena arena = new Arena(agents, Similarity.named(config.similarityBackend(), config.embeddingCache()), weights,
        InstantSource.system(), config.limits());
    return new Engine(config, catalog, arena);
  }
}
