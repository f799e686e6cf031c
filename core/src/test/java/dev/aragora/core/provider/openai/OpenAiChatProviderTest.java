package dev.aragora.core.provider.openai;

import static dev.aragora.core.testing.TestRequests.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import dev.aragora.core.provider.TokenListener;
import dev.aragora.core.provider.Usage;
import dev.aragora.core.testing.FakeVendorServer;
import dev.aragora.core.testing.RecordedRequest;
import dev.aragora.core.testing.Scripted;
import dev.aragora.core.testing.TestRequests;
import dev.aragora.core.testing.VendorBodies;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OpenAiChatProviderTest {
  private static final String KEY = "sk-proj-test-KEY-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final FakeVendorServer server = FakeVendorServer.start();
  private final ChatProvider openai = OpenAi.provider("openai", URI.create(server.baseUrl() + "/v1"), KEY, HTTP);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void plainReplyGivesTextUsageModelAndFinishReason() throws Exception {
    server.enqueue(Scripted.ok(VendorBodies.openAiCompletion("17 is prime.", 31, 5)));

    ChatResponse response = openai.chat(chat("gpt-4o", false), TokenListener.NONE);

    assertThat(response).isEqualTo(new ChatResponse("17 is prime.", new Usage(31, 5), "openai", VendorBodies.OPENAI_MODEL, "stop"));
  }

  @Test
  void plainRequestSendsBearerKeyAndSystemPromptAsLeadingMessage() throws Exception {
    server.enqueue(Scripted.ok(VendorBodies.openAiCompletion("ok", 1, 1)));

    openai.chat(chat("gpt-4o", false), TokenListener.NONE);

    RecordedRequest request = server.takeRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.header("content-type")).isEqualTo("application/json");
    JsonNode body = request.json();
    assertThat(fieldNames(body)).containsExactly("model", "messages", "max_tokens", "temperature", "stream");
    assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
    assertThat(body.path("stream").asBoolean()).isFalse();
    assertThat(body.path("messages").toString()).isEqualTo("[{\"role\":\"system\",\"content\":\"" + TestRequests.SYSTEM + "\"},"
        + "{\"role\":\"user\",\"content\":\"Is 17 prime?\"},{\"role\":\"assistant\",\"content\":\"Yes.\"},"
        + "{\"role\":\"user\",\"content\":\"Explain briefly.\"}]");
  }

  @Test
  void streamingRequestAsksForUsage() throws Exception {
    server.enqueue(Scripted.sse(VendorBodies.openAiStreamEvents(List.of("ok"), 1, 1)));

    openai.chat(chat("gpt-4o", true), TokenListener.NONE);

    JsonNode body = server.takeRequest().json();
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
  }

  @Test
  void streamedTokensArriveInOrderAndMakeTheText() throws Exception {
    server.enqueue(Scripted.sse(VendorBodies.openAiStreamEvents(List.of("17", " is", " prime", "."), 31, 4), Duration.ofMillis(5)));
    TestRequests.Tokens tokens = new TestRequests.Tokens();

    ChatResponse response = openai.chat(chat("gpt-4o", true), tokens);

    assertThat(tokens.deltas()).containsExactly("17", " is", " prime", ".");
    assertThat(response.text()).isEqualTo("17 is prime.");
    assertThat(response.finishReason()).isEqualTo("stop");
    assertThat(response.model()).isEqualTo(VendorBodies.OPENAI_MODEL);
  }

  @Test
  void streamingUsageChunkWithEmptyChoicesIsCounted() throws Exception {
    server.enqueue(Scripted.sse(VendorBodies.openAiStreamEvents(List.of("a", "b"), 120, 34)));

    assertThat(openai.chat(chat("gpt-4o", true), TokenListener.NONE).usage()).isEqualTo(new Usage(120, 34));
  }

  @Test
  void chunksWithNullChoicesAreTolerated() throws Exception {
    server.enqueue(Scripted.sse(List.of(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n",
        "data: {\"choices\":null,\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1},\"extra\":{\"unknown\":[1,2]}}\n\n",
        "data: [DONE]\n\n")));

    ChatResponse response = openai.chat(chat("local-model", true), TokenListener.NONE);

    assertThat(response.text()).isEqualTo("hi");
    assertThat(response.usage()).isEqualTo(new Usage(3, 1));
    assertThat(response.model()).isEqualTo("local-model");
  }

  @Test
  void rateLimitCarriesRetryAfter() {
    server.enqueue(Scripted.json(429, VendorBodies.openAiError("Rate limit reached for gpt-4o", "requests", "rate_limit_exceeded"))
        .withHeader("retry-after", "20"));

    assertFails(() -> openai.chat(chat("gpt-4o", false), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
      assertThat(e.status()).isEqualTo(429);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(20));
      assertThat(e.getMessage()).contains("Rate limit reached for gpt-4o");
    });
  }

  @Test
  void insufficientQuotaIsQuotaNotRateLimit() {
    server.enqueue(Scripted.json(429, VendorBodies.openAiError("You exceeded your current quota", "insufficient_quota", "insufficient_quota")));

    assertFails(() -> openai.chat(chat("gpt-4o", false), TokenListener.NONE), e -> assertThat(e.kind()).isEqualTo(Kind.QUOTA));
  }

  @Test
  void serverErrorIsServerError() {
    server.enqueue(Scripted.json(500, VendorBodies.openAiError("The server had an error", "server_error", null)));

    assertFails(() -> openai.chat(chat("gpt-4o", true), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
      assertThat(e.status()).isEqualTo(500);
    });
  }

  @Test
  void unauthorizedIsAuthAndTheKeyNeverAppears() {
    server.enqueue(Scripted.json(401, VendorBodies.openAiError("Incorrect API key provided: " + KEY + ".", "invalid_request_error", "invalid_api_key")));

    assertFails(() -> openai.chat(chat("gpt-4o", false), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.AUTH);
      assertThat(e.getMessage()).contains("Incorrect API key provided").doesNotContain(KEY).doesNotContain("Bearer");
    });
  }

  @Test
  void malformedChunkIsMalformedResponse() {
    server.enqueue(Scripted.sse(List.of(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\"\n\n")));

    assertFails(() -> openai.chat(chat("gpt-4o", true), TokenListener.NONE), e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE));
  }

  @Test
  void streamCutBeforeDoneIsMalformedResponse() {
    List<String> events = new ArrayList<>(VendorBodies.openAiStreamEvents(List.of("a"), 1, 1));
    events.removeLast();
    server.enqueue(Scripted.sse(events));

    assertFails(() -> openai.chat(chat("gpt-4o", true), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
      assertThat(e.getMessage()).contains("[DONE]");
    });
  }

  @Test
  void replyWithoutContentIsMalformedResponse() {
    server.enqueue(Scripted.ok("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":\"length\"}]}"));

    assertFails(() -> openai.chat(chat("gpt-4o", false), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
      assertThat(e.getMessage()).contains("length");
    });
  }

  @Test
  void errorObjectInsideTheStreamFailsTheCall() {
    server.enqueue(Scripted.sse(List.of(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n",
        "data: {\"error\":{\"code\":502,\"message\":\"Upstream error from provider\"}}\n\n")));

    assertFails(() -> openai.chat(chat("gpt-4o", true), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
      assertThat(e.getMessage()).contains("Upstream error from provider");
    });
  }

  @Test
  void streamSlowerThanTheTimeoutFailsWithTimeoutAfterEarlyTokens() {
    List<String> events = VendorBodies.openAiStreamEvents(List.of("early"), 1, 1);
    server.enqueue(Scripted.sse(events.subList(0, 2)).thenStall(Duration.ofSeconds(30)));
    TestRequests.Tokens tokens = new TestRequests.Tokens();

    assertFails(() -> openai.chat(chat("gpt-4o", true, Duration.ofMillis(300)), tokens),
        e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    assertThat(tokens.deltas()).containsExactly("early");
  }

  @Test
  void keylessServerGetsNoAuthorizationHeader() throws Exception {
    ChatProvider ollama = OpenAi.withoutKey("ollama", URI.create(server.baseUrl() + "/v1"), HTTP);
    server.enqueue(Scripted.ok(VendorBodies.openAiCompletion("local", 2, 1)));

    ChatResponse response = ollama.chat(chat("llama3.2", false), TokenListener.NONE);

    assertThat(response.provider()).isEqualTo("ollama");
    assertThat(server.takeRequest().header("authorization")).isNull();
  }

  @Test
  void emptyKeyIsRefusedForKeyedServers() {
    assertThatThrownBy(() -> OpenAi.provider("openai", URI.create(server.baseUrl()), " ", HTTP))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static void assertFails(ThrowingCallable call, Consumer<ProviderException> check) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.provider()).isNotEmpty();
      check.accept(e);
    });
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
