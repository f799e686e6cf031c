package dev.aragora.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client on java.net.http (which answers pings itself) that queues what it receives. */
public final class WsClient implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(15);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  public record Closed(int code, String reason) {}

  private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private WsClient(URI uri, boolean sharedToken, String... headers) {
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (sharedToken) builder.header("Authorization", TestAuth.BEARER);
    for (int i = 0; i + 1 < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
    socket = builder.buildAsync(uri, new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          try {
            messages.add(JSON.readTree(partial.toString()));
          } catch (Exception e) {
            closed.completeExceptionally(e);
          }
          partial.setLength(0);
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
        closed.complete(new Closed(code, reason));
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        closed.complete(new Closed(-1, String.valueOf(error)));
      }
    }).join();
  }

  /** Connects with the shared test API token ({@link TestAuth#BEARER}). */
  public static WsClient connect(URI uri) {
    return new WsClient(uri, true);
  }

  /** Connects without an Authorization header (credentials, if any, in the URI's access_token). */
  public static WsClient connectWithoutToken(URI uri) {
    return new WsClient(uri, false);
  }

  /** Connects with extra upgrade-request headers, as name, value, name, value… */
  public static WsClient connect(URI uri, String... headers) {
    return new WsClient(uri, true, headers);
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  /** Sends, returning false once the socket refuses (closed by the server). */
  public boolean trySend(String text) {
    try {
      socket.sendText(text, true).get(5, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  public JsonNode next() throws InterruptedException {
    JsonNode message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(message).as("a message within %s", WAIT).isNotNull();
    return message;
  }

  /** The next message of {@code type}, failing on any other message on the way. */
  public JsonNode expect(String type) throws InterruptedException {
    JsonNode message = next();
    assertThat(message.path("type").asText()).as(message.toString()).isEqualTo(type);
    return message;
  }

  /** Events of {@code debateId} up to and including its debate_end. */
  public List<JsonNode> eventsUntilDebateEnd(String debateId) throws InterruptedException {
    List<JsonNode> events = new ArrayList<>();
    while (true) {
      JsonNode message = next();
      assertThat(message.path("debate_id").asText()).as(message.toString()).isEqualTo(debateId);
      assertThat(message.has("seq")).as(message.toString()).isTrue();
      events.add(message);
      if (message.path("type").asText().equals("debate_end")) return events;
    }
  }

  /** Sends a ping and returns everything that arrived before the pong. */
  public List<JsonNode> untilPong() throws InterruptedException {
    send("{\"type\":\"ping\"}");
    List<JsonNode> before = new ArrayList<>();
    while (true) {
      JsonNode message = next();
      if (message.path("type").asText().equals("pong")) return before;
      before.add(message);
    }
  }

  public Closed awaitClose() throws Exception {
    return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    socket.abort();
  }
}
