package dev.aragora.server.ops;

import io.javalin.config.JettyConfig;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;

/** How the server's Jetty listens, answers probes and refuses what never reaches a route. */
public final class JettySettings {
  /**
   * Jetty's default backlog is Java's 50: a burst of new connections (a thousand clients
   * reconnecting after a deploy) overflows it, and each dropped SYN costs its client a 1 s
   * retransmission. The kernel caps the value at net.core.somaxconn.
   */
  static final int ACCEPT_QUEUE = 1024;

  private JettySettings() {}

  /**
   * One HTTP/1.1 connector on {@code port} (0: a free one); the probe handler in front of
   * Javalin's servlet stack; {@code errors} (a new one each time it is asked) for Jetty's own refusals.
   */
  public static void apply(JettyConfig jetty, int port, Duration stopTimeout, ProbeHandler probes,
      Supplier<ErrorHandler> errors) {
    jetty.addConnector((server, httpConfig) -> {
      ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
      connector.setPort(port);
      connector.setAcceptQueueSize(ACCEPT_QUEUE);
      return connector;
    });
    jetty.modifyServer(server -> {
      server.setStopTimeout(stopTimeout.toMillis());
      server.insertHandler(probes);
      // outermost, so that the probes and the routes see a HEAD as the GET it stands for
      server.insertHandler(new HeadAsGetHandler());
      // Jetty's own refusals (bad request line, illegal path, headers too large …) in the API's error shape.
      server.setErrorHandler(errors.get());
    });
    jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors.get()));
    // Javalin allows Jetty's LEGACY URIs; their IIS-style %uXXXX escapes then fail in Javalin's
    // decoding of path parameters (a 500). Refused by Jetty instead: 400, like any bad escape.
    jetty.modifyHttpConfiguration(http -> http.setUriCompliance(http.getUriCompliance()
        .without("LEGACY without %u", UriCompliance.Violation.UTF16_ENCODINGS)));
  }
}
