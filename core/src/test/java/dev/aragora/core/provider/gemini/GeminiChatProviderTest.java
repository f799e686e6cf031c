package dev.aragora.core.provider.gemini;

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
class GeminiChatProviderTest {
  private static final String KEY = "AIzaSy-test-KEY-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final FakeVendorServer server = FakeVendorServer.start();
  private final ChatProvider gemini = Gemini.provider(URI.create(server.baseUrl()), KEY, HTTP);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void plainReplyGivesTextUsageAndFinishReason() throws Exception {
    server.enqueue(Scripted.ok(VendorBodies.geminiResponse("17 is prime.", 28, 6)));

    ChatResponse response = gemini.chat(chat("gemini-2.5-pro", false), TokenListener.NONE);

    assertThat(response).isEqualTo(new ChatResponse("17 is prime.", new Usage(28, 6), "gemini", VendorBodies.GEMINI_MODEL, "STOP"));
  }

  @Test
  void thinkingTokensCountAsOutputAndThoughtPartsAreNotText() throws Exception {
    server.enqueue(Scripted.ok("""
        {"candidates":[{"content":{"role":"model","parts":[{"text":"pondering","thought":true},{"text":"Yes."}]},
          "finishReason":"STOP","safetyRatings":[]}],
         "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":2,"thoughtsTokenCount":30,"totalTokenCount":42}}"""));

    ChatResponse response = gemini.chat(chat("gemini-2.5-pro", false), TokenListener.NONE);

    assertThat(response.text()).isEqualTo("Yes.");
    assertThat(response.usage()).isEqualTo(new Usage(10, 32));
    assertThat(response.model()).isEqualTo("gemini-2.5-pro");
  }

  @Test
  void requestUsesModelPathKeyHeaderAndGeminiShapes() throws Exception {
    server.enqueue(Scripted.ok(VendorBodies.geminiResponse("ok", 1, 1)));

    gemini.chat(chat("gemini-2.5-pro", false), TokenListener.NONE);

    RecordedRequest request = server.takeRequest();
    assertThat(request.pathAndQuery()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
    assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
    assertThat(request.query()).doesNotContain("key=");
    JsonNode body = request.json();
    assertThat(body.path("contents").toString()).isEqualTo("[{\"role\":\"user\",\"parts\":[{\"text\":\"Is 17 prime?\"}]},"
        + "{\"role\":\"model\",\"parts\":[{\"text\":\"Yes.\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"Explain briefly.\"}]}]");
    assertThat(body.path("systemInstruction").toString()).isEqualTo("{\"parts\":[{\"text\":\"" + TestRequests.SYSTEM + "\"}]}");
    assertThat(body.path("generationConfig").toString()).isEqualTo("{\"temperature\":0.7,\"maxOutputTokens\":256}");
  }

  @Test
  void streamingUsesSseEndpointAndEndsAtEndOfStream() throws Exception {
    server.enqueue(Scripted.sse(VendorBodies.geminiStreamEvents(List.of("17", " is", " prime."), 28, 5), Duration.ofMillis(5)));
    TestRequests.Tokens tokens = new TestRequests.Tokens();

    ChatResponse response = gemini.chat(chat("models/gemini-2.5-pro", true), tokens);

    assertThat(tokens.deltas()).containsExactly("17", " is", " prime.");
    assertThat(response).isEqualTo(new ChatResponse("17 is prime.", new Usage(28, 5), "gemini", VendorBodies.GEMINI_MODEL, "STOP"));
    assertThat(server.takeRequest().pathAndQuery()).isEqualTo("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
  }

  @Test
  void resourceExhaustedIsRateLimitedWithRetryAfter() {
    server.enqueue(Scripted.json(429, VendorBodies.geminiError(429, "RESOURCE_EXHAUSTED", "Too many requests, slow down."))
        .withHeader("retry-after", "9"));

    assertFails(() -> gemini.chat(chat("gemini-2.5-pro", false), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(9));
      assertThat(e.getMessage()).contains("RESOURCE_EXHAUSTED");
    });
  }

  @Test
  void resourceExhaustedThatMentionsQuotaIsQuota() {
    server.enqueue(Scripted.json(429, VendorBodies.geminiError(429, "RESOURCE_EXHAUSTED",
        "You exceeded your current quota, please check your plan and billing details.")));

    assertFails(() -> gemini.chat(chat("gemini-2.5-pro", false), TokenListener.NONE),
        e -> assertThat(e.kind()).isEqualTo(Kind.QUOTA));
  }

  @Test
  void serverErrorIsServerError() {
    server.enqueue(Scripted.json(500, VendorBodies.geminiError(500, "INTERNAL", "An internal error has occurred.")));

    assertFails(() -> gemini.chat(chat("gemini-2.5-pro", true), TokenListener.NONE),
        e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR));
  }

  @Test
  void invalidKeyIsAuthAndTheKeyNeverAppears() {
    server.enqueue(Scripted.json(403, VendorBodies.geminiError(403, "PERMISSION_DENIED", "API key " + KEY + " is not valid.")));

    assertFails(() -> gemini.chat(chat("gemini-2.5-pro", false), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.AUTH);
      assertThat(e.getMessage()).contains("PERMISSION_DENIED").doesNotContain(KEY);
    });
  }

  @Test
  void malformedChunkIsMalformedResponse() {
    List<String> events = new ArrayList<>(VendorBodies.geminiStreamEvents(List.of("a", "b"), 1, 2));
    events.set(1, "data: {\"candidates\":[{\"content\":\n\n");
    server.enqueue(Scripted.sse(events));

    assertFails(() -> gemini.chat(chat("gemini-2.5-pro", true), TokenListener.NONE),
        e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE));
  }

  @Test
  void blockedPromptIsABadRequest() {
    server.enqueue(Scripted.ok("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":5}}"));

    assertFails(() -> gemini.chat(chat("gemini-2.5-pro", false), TokenListener.NONE), e -> {
      assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
      assertThat(e.getMessage()).contains("SAFETY");
    });
  }

  @Test
  void streamSlowerThanTheTimeoutFailsWithTimeout() {
    server.enqueue(Scripted.sse(VendorBodies.geminiStreamEvents(List.of("a", "b"), 1, 2).subList(0, 1)).thenStall(Duration.ofSeconds(30)));

    assertFails(() -> gemini.chat(chat("gemini-2.5-pro", true, Duration.ofMillis(300)), TokenListener.NONE),
        e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
  }

  private static void assertFails(ThrowingCallable call, Consumer<ProviderException> check) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.provider()).isEqualTo("gemini");
      check.accept(e);
    });
  }
}
