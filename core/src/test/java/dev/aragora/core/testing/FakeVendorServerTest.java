package dev.aragora.core.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.ProviderCatalog;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FakeVendorServerTest {
  private final FakeVendorServer server = FakeVendorServer.start();
  private final HttpClient client = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void queuedResponsesAreServedBeforeTheDispatcher() throws Exception {
    AtomicInteger dispatched = new AtomicInteger();
    server.enqueue(Scripted.ok("{\"n\":1}"), Scripted.ok("{\"n\":2}"))
        .dispatcher(request -> Scripted.ok("{\"n\":\"d" + dispatched.incrementAndGet() + "\"}"));

    assertThat(List.of(get("/a"), get("/b"), get("/c"), get("/d")))
        .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":\"d1\"}", "{\"n\":\"d2\"}");
    assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/a", "/b", "/c", "/d");
  }

  @Test
  void unscriptedRequestGetsAnExplaining500() throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/v1/x")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("nothing scripted for GET /v1/x");
  }

  @Test
  void requestMethodHeadersQueryAndBodyAreRecorded() throws Exception {
    server.enqueue(Scripted.ok("{}"));

    client.send(HttpRequest.newBuilder(server.uri("/p?alt=sse")).header("X-Custom", "v")
        .POST(HttpRequest.BodyPublishers.ofString("{\"a\":[1]}")).build(), HttpResponse.BodyHandlers.discarding());

    RecordedRequest request = server.takeRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.pathAndQuery()).isEqualTo("/p?alt=sse");
    assertThat(request.header("x-custom")).isEqualTo("v");
    assertThat(request.json().path("a").path(0).asInt()).isEqualTo(1);
  }

  @Test
  void chunkedBodyArrivesWhole() throws Exception {
    server.enqueue(Scripted.sse(List.of("data: 1\n\n", "data: 2\n\n"), java.time.Duration.ofMillis(5)));

    assertThat(get("/s")).isEqualTo("data: 1\n\ndata: 2\n\n");
  }

  @Test
  void replyForAnswersEachWireFormatAsItsClientExpects() throws Exception {
    server.dispatcher(request -> VendorBodies.replyFor(request, "We agree on 17.", 20, 4));
    Map<String, String> env = Map.of(
        "OPENAI_API_KEY", "sk-test-1234567890", "OPENAI_BASE_URL", server.baseUrl() + "/v1",
        "ANTHROPIC_API_KEY", "sk-ant-test-1234567890", "ANTHROPIC_BASE_URL", server.baseUrl(),
        "GEMINI_API_KEY", "AIza-test-1234567890", "GEMINI_BASE_URL", server.baseUrl());
    ProviderCatalog catalog = new ProviderCatalog(env, client);

    for (String type : List.of("openai-api", "anthropic-api", "gemini")) {
      for (boolean stream : List.of(false, true)) {
        ProviderCatalog.Resolved resolved = catalog.resolve(AgentSpec.parse(type));
        TestRequests.Tokens tokens = new TestRequests.Tokens();
        ChatResponse response = resolved.provider().chat(TestRequests.chat(resolved.model(), stream), tokens);
        assertThat(response.text()).as(type + " stream=" + stream).isEqualTo("We agree on 17.");
        assertThat(response.usage().inputTokens()).isEqualTo(20);
        if (stream) assertThat(String.join("", tokens.deltas())).isEqualTo("We agree on 17.");
      }
    }
    assertThat(server.requestCount()).isEqualTo(6);
  }

  @Test
  void wordsConcatenateBackToTheText() {
    assertThat(VendorBodies.words("  Two  words\nhere ")).containsExactly("  Two", "  words", "\nhere", " ");
    assertThat(String.join("", VendorBodies.words("a b  c"))).isEqualTo("a b  c");
  }

  private String get(String path) throws Exception {
    return new String(client.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray()).body(), UTF_8);
  }
}
