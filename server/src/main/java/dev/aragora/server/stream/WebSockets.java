package dev.aragora.server.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.server.config.StreamConfig;
import dev.aragora.server.net.ClientIp;
import io.javalin.config.JettyConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.util.MultiMap;
import org.eclipse.jetty.util.UrlEncoded;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The /ws endpoint: admits sockets within the per-address limits, counts the open ones, and runs
 * one heartbeat task for all of them (no thread per socket).
 *
 * <p>It is a Jetty WebSocket endpoint on Javalin's server rather than a Javalin {@code ws} route,
 * because Javalin's handlers never see pong frames, and the heartbeat has to know whether the
 * client answered. Jetty's idle timeout cannot stand in for it: the server's own pings count as
 * activity.
 */
final class WebSockets implements AutoCloseable {
  static final String PATH = "/ws";

  private final Feeds feeds;
  private final ObjectMapper mapper;
  private final StreamConfig config;
  private final ClientIp clientIp;
  private final LongSupplier nanoClock;
  private final AddressLimits addresses;
  private final Set<StreamSocket> open = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("ws-heartbeat").daemon().factory());

  WebSockets(Feeds feeds, ObjectMapper mapper, StreamConfig config, ClientIp clientIp, LongSupplier nanoClock) {
    this.feeds = feeds;
    this.mapper = mapper;
    this.config = config;
    this.clientIp = clientIp;
    this.nanoClock = nanoClock;
    this.addresses = new AddressLimits(config.maxPerIp(), config.connectionsPerMinute());
    long every = config.heartbeat().toNanos();
    heartbeats.scheduleAtFixedRate(this::beat, every, every, TimeUnit.NANOSECONDS);
  }

  /**
   * Adds the endpoint to Javalin's Jetty; call inside {@code Javalin.create}. A handshake that
   * {@code gate} refuses gets its HTTP status (401 or 403) and never becomes a socket.
   */
  void install(JettyConfig jetty, UpgradeGate gate) {
    jetty.modifyServletContextHandler(context -> JettyWebSocketServletContainerInitializer.configure(context,
        (servletContext, container) -> {
          container.setMaxTextMessageSize(config.maxMessageBytes());
          container.setMaxBinaryMessageSize(config.maxMessageBytes());
          container.setMaxFrameSize(config.maxMessageBytes());
          // Only a backstop for sockets whose close never completes: the heartbeat closes silent clients first.
          container.setIdleTimeout(config.heartbeat().multipliedBy(4));
          container.addMapping(PATH, (request, response) -> {
            if (!decodable(request.getQueryString())) {
              // Jetty's upgrade decodes the query again, strictly, and fails with a 500 on a truncated
              // UTF-8 escape (%e9) that the lenient parsing here lets through.
              response.sendError(400, "the query is not valid UTF-8 percent-encoding");
              return null;
            }
            List<String> query = request.getParameterMap().get("access_token");
            String authorization = request.getHeader("Authorization");
            String token = query == null || query.isEmpty() ? null : query.getFirst();
            UpgradeGate.Decision decision = gate.admit(authorization, token, request::getHeader);
            if (decision.refusal() == null) return new StreamSocket(this, decision.tenant(), decision.stillValid());
            UpgradeGate.Refusal refusal = decision.refusal();
            if (refusal.wwwAuthenticate() != null) response.setHeader("WWW-Authenticate", refusal.wwwAuthenticate());
            response.sendError(refusal.status(), refusal.message());
            return null;
          });
        }));
  }

  /** Whether {@code query} (raw, may be null) decodes as strict UTF-8 percent-encoding. */
  static boolean decodable(String query) {
    if (query == null || query.isEmpty()) return true;
    try {
      UrlEncoded.decodeUtf8To(query, new MultiMap<>());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  int openConnections() {
    return open.size();
  }

  AddressLimits.Admission admit(StreamSocket socket, String address) {
    AddressLimits.Admission admission = addresses.admit(address, now());
    if (admission == AddressLimits.Admission.ADMITTED) open.add(socket);
    return admission;
  }

  void closed(StreamSocket socket, String address) {
    if (open.remove(socket)) addresses.release(address);
  }

  Feeds feeds() {
    return feeds;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /** The client address of a socket: its peer, or X-Forwarded-For of the upgrade request behind a trusted proxy. */
  String clientIp(Session session) {
    String peer = session.getRemoteSocketAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress() : String.valueOf(session.getRemoteSocketAddress());
    List<String> forwarded = session.getUpgradeRequest().getHeaders(ClientIp.FORWARDED_FOR);
    return clientIp.resolve(peer, forwarded == null ? List.of() : forwarded);
  }

  StreamConfig config() {
    return config;
  }

  long now() {
    return nanoClock.getAsLong();
  }

  private void beat() {
    long now = now();
    long silence = config.heartbeat().multipliedBy(2).toNanos();
    long silenceSeconds = config.heartbeat().multipliedBy(2).toSeconds();
    for (StreamSocket socket : open) {
      try {
        socket.heartbeat(now, silence, silenceSeconds);
      } catch (RuntimeException e) {
        socket.close(StatusCode.SERVER_ERROR, "heartbeat failed");
      }
    }
    addresses.sweep(now);
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
    for (StreamSocket socket : open) socket.close(StatusCode.SHUTDOWN, "server shutting down");
  }
}
