package dev.aragora.core.provider.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import dev.aragora.core.testing.FakeVendorServer;
import dev.aragora.core.testing.Scripted;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class VendorHttpTest {
  private static final String KEY = "sk-test-0123456789abcdef";
  private final FakeVendorServer server = FakeVendorServer.start();
  private final HttpClient client = HttpClient.newHttpClient();
  private final VendorHttp http = new VendorHttp(client, "openai", KEY);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void bodyIsReadAndRequestCarriesJsonAndHeaders() throws Exception {
    server.enqueue(Scripted.ok("{\"ok\":true}"));

    String body = post(Duration.ofSeconds(5));

    assertThat(body).isEqualTo("{\"ok\":true}");
    var request = server.takeRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.header("x-test")).isEqualTo("yes");
    assertThat(request.json().path("question").asText()).isEqualTo("why");
  }

  @Test
  void slowBodyBeyondTheTimeoutFailsWithTimeout() {
    server.enqueue(Scripted.sse(List.of("data: {\"first\":1}\n\n")).thenStall(Duration.ofSeconds(30)));

    assertThatThrownBy(() -> post(Duration.ofMillis(300)))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
  }

  @Test
  void slowHeadersBeyondTheTimeoutFailWithTimeout() {
    server.enqueue(Scripted.ok("{}").withHeadersDelay(Duration.ofSeconds(30)));

    assertThatThrownBy(() -> post(Duration.ofMillis(300)))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
  }

  @Test
  void interruptWhileWaitingForHeadersAbortsTheCall() throws Exception {
    server.enqueue(Scripted.ok("{}").withHeadersDelay(Duration.ofSeconds(30)));

    assertThat(interruptedCallOutcome()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void interruptWhileReadingABodyAbortsTheCall() throws Exception {
    server.enqueue(Scripted.sse(List.of("data: {}\n\n")).thenStall(Duration.ofSeconds(30)));

    assertThat(interruptedCallOutcome()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void refusedConnectionIsANetworkFailure() {
    FakeVendorServer closed = FakeVendorServer.start();
    URI nowhere = closed.uri("/v1/chat/completions");
    closed.close();

    assertThatThrownBy(() -> http.postJson(nowhere, Map.of(), Json.object(), Duration.ofSeconds(5), VendorHttpTest::readText))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.NETWORK);
          assertThat(e.status()).isZero();
        });
  }

  @Test
  void errorStatusCarriesRetryAfterAndNeverTheKey() {
    server.enqueue(Scripted.json(429, "{\"error\":{\"message\":\"slow down, key " + KEY + "\"}}").withHeader("retry-after", "7"));

    assertThatThrownBy(() -> post(Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
          assertThat(e.getMessage()).doesNotContain(KEY).doesNotContainIgnoringCase("authorization");
        });
  }

  @Test
  void keyInAnExceptionThrownByTheReaderIsRedacted() {
    server.enqueue(Scripted.ok("{}"));

    assertThatThrownBy(() -> http.postJson(server.uri("/x"), Map.of(), Json.object(), Duration.ofSeconds(5), body -> {
      throw new ProviderException(Kind.MALFORMED_RESPONSE, "openai", 0, "echoed " + KEY);
    })).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
      assertThat(e.getMessage()).isEqualTo("openai: echoed [redacted]");
    });
  }

  @Test
  void invalidJsonFromAReaderIsMalformedNotNetwork() {
    server.enqueue(Scripted.ok("{not json"));

    assertThatThrownBy(() -> http.postJson(server.uri("/x"), Map.of(), Json.object(), Duration.ofSeconds(5),
        body -> new com.fasterxml.jackson.databind.ObjectMapper().readTree(body)))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE));
  }

  private Throwable interruptedCallOutcome() throws Exception {
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        post(Duration.ofSeconds(30));
        outcome.set(new AssertionError("call returned"));
      } catch (Throwable t) {
        outcome.set(t);
      }
    });
    server.takeRequest();
    CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)).join();
    caller.interrupt();
    assertThat(caller.join(Duration.ofSeconds(3))).as("call ended after interrupt").isTrue();
    return outcome.get();
  }

  private String post(Duration timeout) throws InterruptedException {
    var body = Json.object().put("question", "why");
    return http.postJson(server.uri("/v1/test"), Map.of("x-test", "yes"), body, timeout, VendorHttpTest::readText);
  }

  private static String readText(java.io.InputStream body) throws java.io.IOException {
    return new String(body.readAllBytes(), UTF_8);
  }
}
