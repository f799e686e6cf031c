package dev.aragora.server.stream;

import dev.aragora.server.api.ApiError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * GET …/debates/{id}/events with {@code Accept: text/event-stream}: the debate's events after
 * {@code Last-Event-ID} (or {@code ?since}) as server-sent events, then live ones, until debate_end.
 * The request's own (virtual) thread writes the heartbeat comments and notices a client that left
 * when a write fails; a feed drain writes the events.
 */
final class ServerSentEvents {
  private final Feeds feeds;
  private final Duration heartbeat;
  private final Set<SseResponse> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  ServerSentEvents(Feeds feeds, Duration heartbeat) {
    this.feeds = feeds;
    this.heartbeat = heartbeat;
  }

  /** Streams when the client accepts text/event-stream, else answers with {@code json}. */
  Handler orElse(Handler json, java.util.function.Function<Context, String> tenantOf) {
    return ctx -> {
      if (wantsStream(ctx)) stream(ctx, tenantOf.apply(ctx));
      else json.handle(ctx);
    };
  }

  static boolean wantsStream(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
  }

  private void stream(Context ctx, String tenant) throws Exception {
    String id = ctx.pathParam("id");
    long since = since(ctx);
    String stream = feeds.resolve(tenant, id).orElseThrow(() -> ApiError.notFound("no debate with id '" + id + "'"));
    if (closed) throw new ApiError(503, "unavailable", "the server is shutting down");
    HttpServletResponse res = ctx.res();
    res.setStatus(200);
    res.setContentType("text/event-stream;charset=utf-8");
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("X-Accel-Buffering", "no");
    SseResponse response = new SseResponse(res.getOutputStream());
    open.add(response);
    DebateFeed feed = feeds.create(stream, since, response);
    try {
      if (closed) return;
      // Commits the headers at once, so the client knows the stream is open before the first event.
      if (!response.comment("stream of " + id + " after " + since)) return;
      feed.start();
      BooleanSupplier credential = ctx.attribute(UpgradeGate.STILL_VALID);
      while (!response.awaitEnd(heartbeat)) {
        // The credential expired or was revoked: end the stream (a reconnect needs a valid one).
        if (credential != null && !credential.getAsBoolean()) break;
        if (!response.comment("ping")) break;
        feed.checkFinished();
      }
    } finally {
      feed.close();
      open.remove(response);
    }
  }

  /** Last-Event-ID wins over ?since; both default to 0. */
  private static long since(Context ctx) {
    String header = ctx.header("Last-Event-ID");
    if (header != null && !header.isBlank()) return seq("Last-Event-ID", header);
    String query = ctx.queryParam("since");
    return query == null || query.isBlank() ? 0 : seq("since", query);
  }

  private static long seq(String name, String text) {
    try {
      long value = Long.parseLong(text.strip());
      if (value >= 0) return value;
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest("invalid_request", name + " must be a whole number of at least 0, got '" + text + "'");
  }

  /** Ends every open stream; new ones are refused. */
  void close() {
    closed = true;
    open.forEach(SseResponse::end);
  }
}
