package dev.aragora.core.provider.anthropic;

import static dev.aragora.core.testing.TestRequests.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatRequest;
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
class AnthropicChatProviderTest {
  private static final String KEY = "sk-ant-api03-test-KEY-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final FakeVendorServer server = FakeVendorServer.start();
  private final ChatProvider anthropic = Anthropic.provider(URI.create(server.baseUrl()), KEY, HTTP);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void plainReplyConcatenatesTextBlocksAndReportsUsage() throws Exception {
    server.enqueue(Scripted.ok("""
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
         "content":[{"type":"thinking","thinking":"hmm","signature":"s"},{"type":"text","text":"17 is "},
                    {"type":"tool_use","id":"t","name":"calc","input":{}},{"type":"text","text":"prime."}],
         "stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":40,"output_tokens":9,"cache_read_input_tokens":0,"service_tier":"standard"}}"""));

    ChatResponse response = anthropic.chat(chat("claude-sonnet-4-5", false), TokenListener.NONE);

    assertThat(response).isEqualTo(new ChatResponse("17 is prime.", new Usage(40, 9), "anthropic", "claude-sonnet-4-5-20250929", "end_turn"));
  }

  @Test
  void requestSendsKeyVersionAndTopLevelSystemPrompt() throws Exception {
    server.enqueue(Scripted.ok(VendorBodies.anthropicMessage("ok", 1, 1)));

    anthropic.chat(chat("claude-sonnet-4-5", false), TokenListener.NONE);

    RecordedRequest request = server.takeRequest();
    assertThat(request.path()).isEqualTo("/v1/messages");
    assertThat(request.header("x-api-key")).isEqualTo(KEY);
    assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(request.header("authorization")).isNull();
    JsonNode body = request.json();
    assertThat(fieldNames(body)).containsExactly("model", "max_tokens", "system", "messages", "temperature", "stream");
    assertThat(body.path("system").asText()).isEqualTo(TestRequests.SYSTEM);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
    assertThat(body.path("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"Is 17 prime?\"},"
        + "{\"role\":\"assistant\",\"content\":\"Yes.\"},{\"role\":\"user\",\"content\":\"Explain briefly.\"}]");
  }

  @Test
  void streamedTextDeltasArriveInOrderWithCumulativeUsage() throws Exception {
    server.enqueue(Scripted.sse(VendorBodies.anthropicStreamEvents(List.of("17", " is", " prime."), 52, 7), Duration.ofMillis(5)));
    TestRequests.Tokens tokens = new TestRequests.Tokens();

    ChatResponse response = anthropic.chat(chat("claude-sonnet-4-5", true), tokens);

    assertThat(tokens.deltas()).containsExactly("17", " is", " prime.");
    assertThat(response).isEqualTo(new ChatResponse("17 is prime.", new Usage(52, 7), "anthropic", VendorBodies.ANTHROPIC_MODEL, "end_turn"));
    assertThat(server.takeRequest().json().path("stream").asBoolean()).isTrue();
  }

  @Test
  void nonTextDeltasPingsAndUnknownEventsAreIgnored() throws Exception {
    List<String> events = new ArrayList<>(VendorBodies.anthropicStreamEvents(List.of("answer"), 10, 3));
    events.add(2, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"secret reasoning\"}}\n\n");
    events.add(3, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,"
        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\"\"}}\n\n");
    events.add(4, "event: some_future_event\ndata: {\"type\":\"some_future_event\",\"x\":1}\n\n");
    events.add(5, "event: ping\ndata: {\"type\": \"ping\"}\n\n");
    server.enqueue(Scripted.sse(events));
    TestRequests.Tokens tokens = new TestRequests.Tokens();

    ChatResponse response = anthropic.chat(chat("claude-sonnet-4-5", true), tokens);

    assertThat(tokens.deltas()).containsExactly("answer");
    assertThat(response.text()).isEqualTo("answer");
  }

  @Test
  void overloadedErrorEventIsServerError() {
    List<String> events = new ArrayList<>(VendorBodies.anthropicStreamEvents(List.of("par"), 10, 3).subList(0, 4));
    events.add(VendorBodies.anthropicErrorEvent("overloaded_error", "Overloaded"));
    server.enqueue(Scripted.sse(events));

    assertFails(() -> anthropic.chat(chat("claude-sonnet-4-5", true), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
      assertThat(e.getMessage()).contains("overloaded_error").contains("Overloaded");
    });
  }

  @Test
  void rateLimitErrorEventIsRateLimited() {
    server.enqueue(Scripted.sse(List.of(VendorBodies.anthropicErrorEvent("rate_limit_error", "Number of request tokens has exceeded your rate limit"))));

    assertFails(() -> anthropic.chat(chat("claude-sonnet-4-5", true), TokenListener.NONE),
        e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED));
  }

  @Test
  void rateLimitStatusCarriesRetryAfter() {
    server.enqueue(Scripted.json(429, VendorBodies.anthropicError("rate_limit_error", "Number of requests has exceeded your rate limit"))
        .withHeader("retry-after", "13"));

    assertFails(() -> anthropic.chat(chat("claude-sonnet-4-5", false), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(13));
      assertThat(e.getMessage()).contains("rate_limit_error");
    });
  }

  @Test
  void overloadedStatus529IsServerError() {
    server.enqueue(Scripted.json(529, VendorBodies.anthropicError("overloaded_error", "Overloaded")));

    assertFails(() -> anthropic.chat(chat("claude-sonnet-4-5", true), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
      assertThat(e.status()).isEqualTo(529);
    });
  }

  @Test
  void internalServerErrorIsServerError() {
    server.enqueue(Scripted.json(500, VendorBodies.anthropicError("api_error", "Internal server error")));

    assertFails(() -> anthropic.chat(chat("claude-sonnet-4-5", false), TokenListener.NONE),
        e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR));
  }

  @Test
  void lowCreditBalanceIsQuota() {
    server.enqueue(Scripted.json(400, VendorBodies.anthropicError("invalid_request_error",
        "Your credit balance is too low to access the Anthropic API.")));

    assertFails(() -> anthropic.chat(chat("claude-sonnet-4-5", false), TokenListener.NONE),
        e -> assertThat(e.kind()).isEqualTo(Kind.QUOTA));
  }

  @Test
  void unauthorizedIsAuthAndTheKeyNeverAppears() {
    server.enqueue(Scripted.json(401, VendorBodies.anthropicError("authentication_error", "invalid x-api-key " + KEY)));

    assertFails(() -> anthropic.chat(chat("claude-sonnet-4-5", false), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.AUTH);
      assertThat(e.getMessage()).contains("authentication_error").doesNotContain(KEY);
    });
  }

  @Test
  void malformedEventDataIsMalformedResponse() {
    List<String> events = new ArrayList<>(VendorBodies.anthropicStreamEvents(List.of("a"), 1, 1).subList(0, 2));
    events.add("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_del\n\n");
    server.enqueue(Scripted.sse(events));

    assertFails(() -> anthropic.chat(chat("claude-sonnet-4-5", true), TokenListener.NONE),
        e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE));
  }

  @Test
  void streamEndingBeforeMessageStopIsMalformedResponse() {
    List<String> events = new ArrayList<>(VendorBodies.anthropicStreamEvents(List.of("a"), 1, 1));
    events.removeLast();
    server.enqueue(Scripted.sse(events));

    assertFails(() -> anthropic.chat(chat("claude-sonnet-4-5", true), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
      assertThat(e.getMessage()).contains("message_stop");
    });
  }

  @Test
  void streamSlowerThanTheTimeoutFailsWithTimeout() {
    server.enqueue(Scripted.sse(VendorBodies.anthropicStreamEvents(List.of("a"), 1, 1).subList(0, 3)).thenStall(Duration.ofSeconds(30)));

    assertFails(() -> anthropic.chat(chat("claude-sonnet-4-5", true, Duration.ofMillis(300)), TokenListener.NONE),
        e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
  }

  @Test
  void requestWithoutSystemPromptOmitsTheField() throws Exception {
    server.enqueue(Scripted.ok(VendorBodies.anthropicMessage("ok", 1, 1)));
    ChatRequest base = chat("claude-sonnet-4-5", false);
    ChatRequest request = new ChatRequest(base.model(), "", base.messages(), 100, 0.0, false, base.timeout(), base.context());

    anthropic.chat(request, TokenListener.NONE);

    assertThat(server.takeRequest().json().has("system")).isFalse();
  }

  private static void assertFails(ThrowingCallable call, Consumer<ProviderException> check) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.provider()).isEqualTo("anthropic");
      check.accept(e);
    });
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
