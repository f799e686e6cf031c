package dev.aragora.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.testing.FakeVendorServer;
import dev.aragora.core.testing.RecordedRequest;
import dev.aragora.core.testing.Scripted;
import dev.aragora.core.testing.TestRequests;
import dev.aragora.core.testing.VendorBodies;
import java.net.http.HttpClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class ProviderCatalogTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Map<String, String> ALL_KEYS = Map.of(
      "ANTHROPIC_API_KEY", "sk-ant-test-1234567890", "OPENAI_API_KEY", "sk-openai-test-1234567890",
      "OPENROUTER_API_KEY", "sk-or-test-1234567890", "GEMINI_API_KEY", "AIza-test-1234567890",
      "XAI_API_KEY", "xai-test-1234567890", "MISTRAL_API_KEY", "mistral-test-1234567890");
  private final FakeVendorServer server = FakeVendorServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0} needs {1}")
  @CsvSource({
      "openai-api, OPENAI_API_KEY", "anthropic-api, ANTHROPIC_API_KEY", "gemini, GEMINI_API_KEY", "grok, XAI_API_KEY",
      "mistral-api, MISTRAL_API_KEY", "deepseek, OPENROUTER_API_KEY", "openrouter, OPENROUTER_API_KEY"})
  void missingKeyMessageNamesTheVariableToSet(String type, String envVar) {
    ProviderCatalog catalog = new ProviderCatalog(Map.of(envVar, "   "), HTTP);

    assertThatThrownBy(() -> catalog.resolve(AgentSpec.parse(type)))
        .isInstanceOfSatisfying(MissingCredentialException.class, e -> {
          assertThat(e.envVar()).isEqualTo(envVar);
          assertThat(e.getMessage()).startsWith("agent '" + type + "' needs " + envVar).endsWith("or use demo agents)")
              .doesNotContain("\n");
        });
  }

  @Test
  void missingKeyMessageQuotesTheAgentAsWritten() {
    assertThatThrownBy(() -> new ProviderCatalog(Map.of(), HTTP).resolve(AgentSpec.parse("openai-api:gpt-4.1")))
        .hasMessage("agent 'openai-api:gpt-4.1' needs OPENAI_API_KEY (or use demo agents)");
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource({
      "anthropic-api, anthropic, claude-sonnet-4-5", "openai-api, openai, gpt-4o", "gemini, gemini, gemini-2.5-pro",
      "grok, xai, grok-4", "mistral-api, mistral, mistral-large-latest", "deepseek, openrouter, deepseek/deepseek-chat",
      "openrouter, openrouter, openai/gpt-4o-mini", "ollama, ollama, llama3.2"})
  void eachTypeHasItsProviderAndDefaultModel(String type, String provider, String model) {
    ProviderCatalog.Resolved resolved = new ProviderCatalog(ALL_KEYS, HTTP).resolve(AgentSpec.parse(type));

    assertThat(resolved.providerName()).isEqualTo(provider);
    assertThat(resolved.model()).isEqualTo(model);
  }

  @Test
  void specModelOverridesTheDefault() {
    ProviderCatalog catalog = new ProviderCatalog(ALL_KEYS, HTTP);

    assertThat(catalog.resolve(AgentSpec.parse("openai-api:gpt-4.1-mini")).model()).isEqualTo("gpt-4.1-mini");
    assertThat(catalog.resolve(AgentSpec.parse("deepseek:deepseek-r1")).model()).isEqualTo("deepseek/deepseek-r1");
    assertThat(catalog.resolve(AgentSpec.parse("openrouter:meta-llama/llama-3.3-70b-instruct")).model())
        .isEqualTo("meta-llama/llama-3.3-70b-instruct");
  }

  @Test
  void openAiBaseUrlOverrideIsWhereCallsGo() throws Exception {
    ProviderCatalog catalog = new ProviderCatalog(Map.of("OPENAI_API_KEY", "sk-openai-test-1234567890",
        "OPENAI_BASE_URL", server.baseUrl() + "/v1/"), HTTP);
    server.enqueue(Scripted.ok(VendorBodies.openAiCompletion("hello", 3, 1)));

    ProviderCatalog.Resolved resolved = catalog.resolve(AgentSpec.parse("openai-api"));
    ChatResponse response = resolved.provider().chat(TestRequests.chat(resolved.model(), false), TokenListener.NONE);

    assertThat(response.provider()).isEqualTo("openai");
    RecordedRequest request = server.takeRequest();
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("authorization")).isEqualTo("Bearer sk-openai-test-1234567890");
    assertThat(request.json().path("model").asText()).isEqualTo("gpt-4o");
  }

  @Test
  void anthropicAndGeminiBaseUrlOverridesAreUsed() throws Exception {
    ProviderCatalog catalog = new ProviderCatalog(Map.of(
        "ANTHROPIC_API_KEY", "sk-ant-test-1234567890", "ANTHROPIC_BASE_URL", server.baseUrl(),
        "GEMINI_API_KEY", "AIza-test-1234567890", "GEMINI_BASE_URL", server.baseUrl()), HTTP);
    server.enqueue(Scripted.ok(VendorBodies.anthropicMessage("a", 1, 1)), Scripted.ok(VendorBodies.geminiResponse("g", 1, 1)));

    call(catalog, "anthropic-api");
    call(catalog, "gemini");

    assertThat(server.takeRequest().path()).isEqualTo("/v1/messages");
    assertThat(server.takeRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
  }

  @Test
  void ollamaNeedsNoKeyAndUsesItsOpenAiCompatiblePath() throws Exception {
    ProviderCatalog catalog = new ProviderCatalog(Map.of("OLLAMA_BASE_URL", server.baseUrl()), HTTP);
    server.enqueue(Scripted.ok(VendorBodies.openAiCompletion("local", 3, 1)));

    ChatResponse response = call(catalog, "ollama");

    assertThat(response.provider()).isEqualTo("ollama");
    RecordedRequest request = server.takeRequest();
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("authorization")).isNull();
  }

  @Test
  void deepseekGoesThroughOpenRouter() throws Exception {
    ProviderCatalog catalog = new ProviderCatalog(Map.of("OPENROUTER_API_KEY", "sk-or-test-1234567890",
        "OPENROUTER_BASE_URL", server.baseUrl() + "/api/v1"), HTTP);
    server.enqueue(Scripted.ok(VendorBodies.openAiCompletion("ds", 3, 1)));

    ChatResponse response = call(catalog, "deepseek");

    assertThat(response.provider()).isEqualTo("openrouter");
    RecordedRequest request = server.takeRequest();
    assertThat(request.path()).isEqualTo("/api/v1/chat/completions");
    assertThat(request.json().path("model").asText()).isEqualTo("deepseek/deepseek-chat");
  }

  @Test
  void invalidBaseUrlNamesItsVariable() {
    ProviderCatalog catalog = new ProviderCatalog(Map.of("XAI_API_KEY", "xai-test-1234567890", "XAI_BASE_URL", "not a url"), HTTP);

    assertThatThrownBy(() -> catalog.resolve(AgentSpec.parse("grok"))).hasMessageContaining("XAI_BASE_URL");
  }

  @Test
  void keyStatusReportsEveryTypeWithDemoAndOllamaAlwaysReady() {
    Map<String, Boolean> status = new ProviderCatalog(Map.of("OPENAI_API_KEY", "sk-openai-test-1234567890",
        "OPENROUTER_API_KEY", "sk-or-test-1234567890", "GEMINI_API_KEY", ""), HTTP).keyStatus();

    assertThat(status.keySet()).containsExactlyElementsOf(AgentSpec.TYPES);
    assertThat(status).contains(entry("openai-api", true), entry("openrouter", true), entry("deepseek", true),
        entry("anthropic-api", false), entry("gemini", false), entry("grok", false), entry("mistral-api", false),
        entry("ollama", true), entry("demo", true));
  }

  @Test
  void openRouterIsPresentOnlyWithItsKey() {
    assertThat(new ProviderCatalog(Map.of("OPENROUTER_API_KEY", "sk-or-test-1234567890"), HTTP).openRouter()).isPresent();
    assertThat(new ProviderCatalog(Map.of("OPENAI_API_KEY", "sk-openai-test-1234567890"), HTTP).openRouter()).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "anthropic-api, anthropic/claude-sonnet-4.5", "anthropic-api:claude-opus-4-1-20250805, anthropic/claude-opus-4.1",
      "anthropic-api:claude-3-5-haiku-latest, anthropic/claude-3.5-haiku", "openai-api, openai/gpt-4o",
      "openai-api:gpt-4.1-mini, openai/gpt-4.1-mini", "gemini, google/gemini-2.5-pro", "grok, x-ai/grok-4",
      "mistral-api, mistralai/mistral-large", "mistral-api:mistral-large-latest, mistralai/mistral-large",
      "deepseek, deepseek/deepseek-chat", "openrouter, openai/gpt-4o-mini",
      "openai-api:openai/gpt-5, openai/gpt-5", "openrouter:qwen/qwen3-235b-a22b, qwen/qwen3-235b-a22b"})
  void directVendorSpecsMapToOpenRouterModels(String spec, String expected) {
    assertThat(new ProviderCatalog(Map.of(), HTTP).openRouterModelFor(AgentSpec.parse(spec))).isEqualTo(expected);
  }

  @Test
  void ollamaHasNoOpenRouterCounterpart() {
    assertThatThrownBy(() -> new ProviderCatalog(Map.of(), HTTP).openRouterModelFor(AgentSpec.parse("ollama")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void demoAgentsComeFromTheDemoFactory() throws Exception {
    ChatProvider demo = (request, tokens) -> new ChatResponse("demo says hi", Usage.ZERO, "demo", request.model(), "stop");
    ProviderCatalog catalog = new ProviderCatalog(Map.of(), HTTP, spec -> demo);

    ProviderCatalog.Resolved resolved = catalog.resolve(AgentSpec.parse("demo:skeptic"));

    assertThat(resolved.provider()).isSameAs(demo);
    assertThat(resolved.providerName()).isEqualTo("demo");
    assertThat(resolved.model()).isEqualTo("skeptic");
    assertThat(catalog.resolve(AgentSpec.parse("demo")).model()).isEqualTo("demo");
  }

  @Test
  void demoWithoutAFactoryIsRefused() {
    assertThatThrownBy(() -> new ProviderCatalog(Map.of(), HTTP).resolve(AgentSpec.parse("demo")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("demo");
  }

  @Test
  void agentsOfOneVendorShareOneClient() {
    ProviderCatalog catalog = new ProviderCatalog(ALL_KEYS, HTTP);

    assertThat(catalog.resolve(AgentSpec.parse("deepseek")).provider())
        .isSameAs(catalog.resolve(AgentSpec.parse("openrouter:x/y")).provider())
        .isSameAs(catalog.openRouter().orElseThrow());
  }

  private static ChatResponse call(ProviderCatalog catalog, String spec) throws InterruptedException {
    ProviderCatalog.Resolved resolved = catalog.resolve(AgentSpec.parse(spec));
    return resolved.provider().chat(TestRequests.chat(resolved.model(), false), TokenListener.NONE);
  }
}
