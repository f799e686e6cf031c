package dev.aragora.core.provider;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.provider.anthropic.Anthropic;
import dev.aragora.core.provider.gemini.Gemini;
import dev.aragora.core.provider.openai.OpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which vendor client serves each agent type, with keys and base URLs read from one environment
 * map (tests pass their own). Providers are raw clients: no retry, breaker or fallback.
 */
public final class ProviderCatalog {
  /** What an agent spec resolves to: the client, the name it reports, and the model to ask for. */
  public record Resolved(ChatProvider provider, String providerName, String model) {
    public Resolved {
      requireNonNull(provider, "provider is null");
      requireNonNull(providerName, "providerName is null");
      requireNonNull(model, "model is null");
    }
  }

  private enum Wire { OPENAI, ANTHROPIC, GEMINI }

  private record Route(String providerName, Wire wire, String keyVar, String baseVar, String defaultBase,
                       String defaultModel, String hint) {}

  private static final String OPENROUTER_BASE = "https://openrouter.ai/api/v1";
  private static final Map<String, Route> ROUTES = Map.of(
      "anthropic-api", new Route("anthropic", Wire.ANTHROPIC, "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "https://api.anthropic.com", "claude-sonnet-4-5", ""),
      "openai-api", new Route("openai", Wire.OPENAI, "OPENAI_API_KEY", "OPENAI_BASE_URL", "https://api.openai.com/v1", "gpt-4o", ""),
      "gemini", new Route("gemini", Wire.GEMINI, "GEMINI_API_KEY", "GEMINI_BASE_URL", "https://generativelanguage.googleapis.com", "gemini-2.5-pro", ""),
      "grok", new Route("xai", Wire.OPENAI, "XAI_API_KEY", "XAI_BASE_URL", "https://api.x.ai/v1", "grok-4", ""),
      "mistral-api", new Route("mistral", Wire.OPENAI, "MISTRAL_API_KEY", "MISTRAL_BASE_URL", "https://api.mistral.ai/v1", "mistral-large-latest", ""),
      "deepseek", new Route("openrouter", Wire.OPENAI, "OPENROUTER_API_KEY", "OPENROUTER_BASE_URL", OPENROUTER_BASE, "deepseek/deepseek-chat", "deepseek runs through OpenRouter"),
      "openrouter", new Route("openrouter", Wire.OPENAI, "OPENROUTER_API_KEY", "OPENROUTER_BASE_URL", OPENROUTER_BASE, "openai/gpt-4o-mini", ""),
      "ollama", new Route("ollama", Wire.OPENAI, "", "OLLAMA_BASE_URL", "http://localhost:11434", "llama3.2", ""));

  private final Map<String, String> env;
  private final HttpClient http;
  private final Function<AgentSpec, ChatProvider> demoFactory;
  private final Map<String, ChatProvider> clients = new ConcurrentHashMap<>();

  /** @param demoFactory builds demo agents; null when this catalog cannot serve them */
  public ProviderCatalog(Map<String, String> env, HttpClient http, Function<AgentSpec, ChatProvider> demoFactory) {
    this.env = Map.copyOf(requireNonNull(env, "env is null"));
    this.http = requireNonNull(http, "http is null");
    this.demoFactory = demoFactory;
  }

  public ProviderCatalog(Map<String, String> env, HttpClient http) {
    this(env, http, null);
  }

  /**
   * The client and model for {@code spec}.
   *
   * @throws MissingCredentialException when the agent's API key is not set
   */
  public Resolved resolve(AgentSpec spec) {
    if (spec.isDemo()) {
      if (demoFactory == null) throw new IllegalStateException("demo agents are not available in this catalog");
      return new Resolved(demoFactory.apply(spec), "demo", spec.model().isEmpty() ? "demo" : spec.model());
    }
    Route route = ROUTES.get(spec.type());
    if (!route.keyVar().isEmpty() && key(route).isEmpty())
      throw new MissingCredentialException(spec.name(), route.keyVar(), route.hint());
    return new Resolved(client(route), route.providerName(), model(spec, route));
  }

  /** Agent type → whether it can run now. Demo and ollama need no key, so they are always true. */
  public Map<String, Boolean> keyStatus() {
    Map<String, Boolean> status = new LinkedHashMap<>();
    for (String type : AgentSpec.TYPES) {
      Route route = ROUTES.get(type);
      status.put(type, route == null || route.keyVar().isEmpty() || !key(route).isEmpty());
    }
    return Collections.unmodifiableMap(status);
  }

  /**
   * One agent type as a client sees it: who serves it, which variable holds its key (empty when it
   * needs none), the model used when the spec names none, and whether it can run now.
   */
  public record AgentType(String type, String provider, String keyVariable, String defaultModel, boolean ready) {}

  /** Every agent type, in {@link AgentSpec#TYPES} order. */
  public List<AgentType> agentTypes() {
    List<AgentType> types = new ArrayList<>();
    for (String type : AgentSpec.TYPES) {
      Route route = ROUTES.get(type);
      if (route == null) types.add(new AgentType(type, type, "", "", true));
      else types.add(new AgentType(type, route.providerName(), route.keyVar(), route.defaultModel(),
          route.keyVar().isEmpty() || !key(route).isEmpty()));
    }
    return List.copyOf(types);
  }

  /** The OpenRouter client, when OPENROUTER_API_KEY is set: the usual fallback for a failing vendor. */
  public Optional<ChatProvider> openRouter() {
    Route route = ROUTES.get("openrouter");
    return key(route).isEmpty() ? Optional.empty() : Optional.of(client(route));
  }

  /**
   * The OpenRouter model id serving the same model as {@code spec}. A model that already names its
   * vendor ({@code x/y}) is kept as it is.
   *
   * @throws IllegalArgumentException for demo and ollama agents, which have no OpenRouter counterpart
   */
  public String openRouterModelFor(AgentSpec spec) {
    return OpenRouterModels.forSpec(spec);
  }

  private String model(AgentSpec spec, Route route) {
    if (spec.model().isEmpty()) return route.defaultModel();
    if (spec.type().equals("deepseek") && !spec.model().contains("/")) return "deepseek/" + spec.model();
    return spec.model();
  }

  private ChatProvider client(Route route) {
    return clients.computeIfAbsent(route.providerName(), name -> {
      URI base = baseUrl(route);
      return switch (route.wire()) {
        case ANTHROPIC -> Anthropic.provider(base, key(route), http);
        case GEMINI -> Gemini.provider(base, key(route), http);
        case OPENAI -> route.keyVar().isEmpty() ? OpenAi.withoutKey(name, base, http) : OpenAi.provider(name, base, key(route), http);
      };
    });
  }

  private URI baseUrl(Route route) {
    String url = env.getOrDefault(route.baseVar(), "").strip();
    if (url.isEmpty()) url = route.defaultBase();
    while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
    // Ollama's native API lives at the root; its OpenAI-compatible API under /v1.
    if (route.providerName().equals("ollama") && !url.endsWith("/v1")) url = url + "/v1";
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException("not an absolute URL");
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(route.baseVar() + " is not a valid URL: " + url, e);
    }
  }

  private String key(Route route) {
    return route.keyVar().isEmpty() ? "" : env.getOrDefault(route.keyVar(), "").strip();
  }
}
