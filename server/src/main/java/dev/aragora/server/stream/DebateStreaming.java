package dev.aragora.server.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.server.config.StreamConfig;
import dev.aragora.server.net.ClientIp;
import io.javalin.config.JettyConfig;
import io.javalin.http.Handler;

/**
 * Live debate events for clients: the WebSocket endpoint /ws and server-sent events on
 * GET …/debates/{id}/events. Both replay stored events after the client's last seq and then
 * follow the debate live, gap-free (see {@link DebateFeed}).
 */
public final class DebateStreaming implements AutoCloseable {
  private final Feeds feeds;
  private final ServerSentEvents sse;
  private final WebSockets sockets;

  /**
   * {@code names} maps what a client asks for to the stream its tenant may follow; {@code clientIp}
   * resolves each socket's client address for the per-IP WebSocket limits.
   */
  public DebateStreaming(EventBus bus, StoredEvents log, DebateStatuses statuses, StreamNames names, ObjectMapper mapper,
                         StreamConfig config, ClientIp clientIp) {
    // A client that takes longer than this to accept one event is treated as too slow.
    this.feeds = new Feeds(bus, log, statuses, names, config.queueCapacity(),
        config.heartbeat().multipliedBy(2).plusSeconds(10));
    this.sse = new ServerSentEvents(feeds, config.heartbeat());
    this.sockets = new WebSockets(feeds, mapper, config, clientIp, System::nanoTime);
  }

  /**
   * Adds the /ws endpoint to Javalin's Jetty, admitting handshakes that {@code gate} accepts; call
   * inside {@code Javalin.create}.
   */
  public void install(JettyConfig jetty, UpgradeGate gate) {
    sockets.install(jetty, gate);
  }

  /**
   * The events route: server-sent events for {@code Accept: text/event-stream}, else {@code json};
   * {@code tenantOf} gives the caller's tenant, which sees only its own streams.
   */
  public Handler eventsOr(Handler json, java.util.function.Function<io.javalin.http.Context, String> tenantOf) {
    return sse.orElse(json, tenantOf);
  }

  /** WebSockets open now (admitted ones only). */
  public int openWebSockets() {
    return sockets.openConnections();
  }

  /** Ends the open streams and closes the sockets with 1001; call before stopping Jetty. */
  @Override
  public void close() {
    sse.close();
    sockets.close();
    feeds.close();
  }
}
