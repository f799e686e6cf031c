package dev.aragora.server.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.server.api.StrictJson;
import dev.aragora.server.store.ConnectionFailures;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client WebSocket on /ws. Client messages: {@code subscribe} (debate_id, optional since),
 * {@code unsubscribe} (debate_id) and {@code ping}; a bad message gets an {@code error} reply and
 * the socket stays open. Each subscription is a {@link DebateFeed} whose events go out as the
 * stored envelopes, unchanged. Public only because Jetty calls it; it keeps little state, as
 * thousands may sit idle.
 */
public final class StreamSocket implements Session.Listener.AutoDemanding {
  private static final Logger LOG = LoggerFactory.getLogger(StreamSocket.class);
  private static final ByteBuffer NO_PAYLOAD = ByteBuffer.allocate(0);

  private final WebSockets hub;
  /** The tenant whose streams the socket may follow (null: no tenancy). */
  private final String tenant;
  /** Whether the credential the socket was opened with still holds (expiry, logout, revocation). */
  private final BooleanSupplier credential;
  private volatile Session session;
  private volatile boolean admitted;
  private volatile long heardAt;
  private String address;
  private TokenBucket messages;
  /** Open subscriptions by debate id; null until the first. Guarded by {@code this}. */
  private Map<String, DebateFeed> subscriptions;

  StreamSocket(WebSockets hub, String tenant, BooleanSupplier credential) {
    this.hub = hub;
    this.tenant = tenant;
    this.credential = credential;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    long now = hub.now();
    heardAt = now;
    address = hub.clientIp(session);
    messages = new TokenBucket(hub.config().messagesPerSecond(), hub.config().messageBurst(), now);
    switch (hub.admit(this, address)) {
      case TOO_MANY_OPEN -> close(StatusCode.POLICY_VIOLATION,
          "too many connections from your address (ARAGORA_WS_MAX_PER_IP=" + hub.config().maxPerIp() + ")");
      case TOO_FAST -> close(StatusCode.POLICY_VIOLATION,
          "connection rate exceeded (ARAGORA_WS_CONN_RATE=" + hub.config().connectionsPerMinute() + "/min)");
      case ADMITTED -> {
        admitted = true;
        List<String> implicit = session.getUpgradeRequest().getParameterMap().get("debate_id");
        if (implicit != null && !implicit.isEmpty()) handling(() -> subscribe(implicit.getFirst(), 0));
      }
    }
  }

  @Override
  public void onWebSocketText(String text) {
    if (!received()) return;
    handling(() -> handle(text));
  }

  /**
   * Runs {@code action} for a client message; when it fails (the database is down …) the client
   * gets an {@code error} reply and the socket stays open. Left to Jetty, the failure would close
   * the socket with 1011 and the exception's message, a store's error text, as the reason.
   */
  private void handling(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("websocket message from {} failed: {}", address, e.toString());
      if (ConnectionFailures.isConnectionFailure(e)) error("database_unavailable", "the database is unavailable; retry later");
      else error("internal_error", "the server could not handle the message; try again later");
    }
  }

  private void handle(String text) {
    JsonNode message;
    try {
      message = StrictJson.read(hub.mapper(), text);
    } catch (JsonProcessingException e) {
      error("invalid_json", "the message is not valid JSON");
      return;
    }
    if (message == null || !message.isObject()) {
      error("invalid_message", "a message is a JSON object with a type");
      return;
    }
    String type = message.path("type").asText("");
    switch (type) {
      case "subscribe" -> {
        String debateId = debateId(message);
        if (debateId == null) return;
        long since = since(message);
        if (since >= 0) subscribe(debateId, since);
      }
      case "unsubscribe" -> {
        String debateId = debateId(message);
        if (debateId != null) unsubscribe(debateId);
      }
      case "ping" -> send(reply("pong"));
      default -> error("unknown_type", type.isEmpty() ? "the message has no type"
          : "unknown message type '" + type + "'; expected subscribe, unsubscribe or ping");
    }
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    if (received()) error("unsupported", "binary messages are not supported; send JSON text");
  }

  @Override
  public void onWebSocketPong(ByteBuffer payload) {
    heardAt = hub.now();
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    released();
    callback.succeed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.debug("websocket from {} failed: {}", address, cause.toString());
    released();
  }

  /** Called by the hub every heartbeat: ping, or close a client that has not answered for {@code silence}. */
  void heartbeat(long now, long silenceNanos, long silenceSeconds) {
    Session current = session;
    if (current == null || !current.isOpen()) return;
    if (!credential.getAsBoolean()) {
      send(reply("auth_revoked").put("message", "the token expired or was revoked; connect again with a valid one"));
      close(StatusCode.POLICY_VIOLATION, "credentials expired or revoked");
    } else if (now - heardAt > silenceNanos) {
      close(StatusCode.SHUTDOWN, "no pong or message for " + silenceSeconds + " s (ARAGORA_WS_HEARTBEAT)");
    } else {
      current.sendPing(NO_PAYLOAD.duplicate(), Callback.NOOP);
    }
  }

  void close(int code, String reason) {
    Session current = session;
    if (current != null && current.isOpen()) current.close(code, reason, Callback.NOOP);
  }

  /** Counts one client message; false when it must be ignored (refused socket, or the rate was exceeded). */
  private boolean received() {
    long now = hub.now();
    heardAt = now;
    if (!admitted) return false;
    if (messages.tryTake(now)) return true;
    close(StatusCode.POLICY_VIOLATION, "message rate exceeded (ARAGORA_WS_MSG_RATE=" + hub.config().messagesPerSecond()
        + "/s, ARAGORA_WS_MSG_BURST=" + hub.config().messageBurst() + ")");
    admitted = false;
    return false;
  }

  private void subscribe(String debateId, long since) {
    // No debate id holds one, and PostgreSQL refuses text with NUL in it: no lookup.
    if (debateId.indexOf('\u0000') >= 0) {
      error("invalid_debate_id", "debate_id must not contain NUL (U+0000) characters");
      return;
    }
    java.util.Optional<String> stream = hub.feeds().resolve(tenant, debateId);
    if (stream.isEmpty()) {
      error("not_found", "no debate with id '" + debateId + "'");
      return;
    }
    Subscription sink = new Subscription(debateId);
    DebateFeed feed = hub.feeds().create(stream.get(), since, sink);
    sink.feed = feed;
    DebateFeed previous;
    synchronized (this) {
      if (subscriptions == null) subscriptions = new HashMap<>(4);
      int max = hub.config().maxSubscriptions();
      if (!subscriptions.containsKey(debateId) && subscriptions.size() >= max) {
        error("too_many_subscriptions", "at most " + max + " subscriptions per connection; unsubscribe from one first");
        return;
      }
      previous = subscriptions.put(debateId, feed);
    }
    if (previous != null) previous.close();
    // Queued on the socket before the feed can send anything, so it arrives first.
    send(reply("subscribed").put("debate_id", debateId).put("since", since));
    feed.start();
  }

  private void unsubscribe(String debateId) {
    DebateFeed feed;
    synchronized (this) {
      feed = subscriptions == null ? null : subscriptions.remove(debateId);
    }
    // close() returns once the feed hands over nothing more, so no event follows this reply.
    if (feed != null) feed.close();
    send(reply("unsubscribed").put("debate_id", debateId));
  }

  private void released() {
    admitted = false;
    hub.closed(this, address);
    List<DebateFeed> open;
    synchronized (this) {
      open = subscriptions == null ? List.of() : new ArrayList<>(subscriptions.values());
      subscriptions = null;
    }
    open.forEach(DebateFeed::close);
  }

  private synchronized boolean forget(String debateId, DebateFeed feed) {
    return subscriptions != null && subscriptions.remove(debateId, feed);
  }

  private String debateId(JsonNode message) {
    JsonNode id = message.get("debate_id");
    if (id != null && id.isTextual() && !id.asText().isBlank()) return id.asText().strip();
    error("missing_debate_id", "debate_id is required and must be a string");
    return null;
  }

  /** The since field, 0 when absent, -1 (after an error reply) when invalid. */
  private long since(JsonNode message) {
    JsonNode since = message.get("since");
    if (since == null || since.isNull()) return 0;
    if (since.canConvertToExactIntegral() && since.canConvertToLong() && since.asLong() >= 0) return since.asLong();
    if (since.isTextual()) {
      try {
        long value = Long.parseLong(since.asText().strip());
        if (value >= 0) return value;
      } catch (NumberFormatException e) {
        // answered below
      }
    }
    error("invalid_since", "since must be a whole number of at least 0");
    return -1;
  }

  private ObjectNode reply(String type) {
    return hub.mapper().createObjectNode().put("type", type);
  }

  private void error(String code, String message) {
    send(reply("error").put("code", code).put("message", message));
  }

  private void send(ObjectNode message) {
    Session current = session;
    if (current == null || !current.isOpen()) return;
    try {
      current.sendText(hub.mapper().writeValueAsString(message), Callback.NOOP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a reply", e);
    }
  }

  /** Delivers one debate's events to this socket. */
  private final class Subscription implements FeedSink {
    private final String debateId;
    private volatile DebateFeed feed;

    Subscription(String debateId) {
      this.debateId = debateId;
    }

    @Override
    public CompletableFuture<Void> send(long seq, String type, String envelopeJson) {
      CompletableFuture<Void> sent = new CompletableFuture<>();
      Session current = session;
      if (current == null || !current.isOpen()) return CompletableFuture.failedFuture(new IllegalStateException("closed"));
      current.sendText(envelopeJson, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
      return sent;
    }

    @Override
    public void ended(FeedEnd reason, long lastSeq) {
      if (!forget(debateId, feed)) return;
      switch (reason) {
        case DEBATE_ENDED -> { }
        case TOO_SLOW -> close(StatusCode.TRY_AGAIN_LATER,
            "too slow for " + debateId + "; subscribe again with since=" + lastSeq);
        case FAILED -> error("stream_failed",
            "the stream of " + debateId + " stopped after seq " + lastSeq + "; subscribe again with since=" + lastSeq);
      }
    }
  }
}
