package dev.aragora.server.ops;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * HEAD answered as GET would be, without the body (RFC 9110 §9.3.2): the request goes on as a GET,
 * through authentication, limits and the route's handler, and Jetty, which knows the request on
 * the wire was a HEAD, sends the status and headers only. Javalin on its own answers HEAD on any
 * GET route with an empty 200 without running anything, so {@code HEAD /readyz} said ready while
 * {@code GET /readyz} said 503, and a HEAD for a debate that does not exist said 200. Event
 * streams and WebSocket upgrades are left to Javalin: as a GET they would hold the connection. A
 * HEAD counts as the GET it stands for in rate limits, API-call metering and metrics.
 */
public final class HeadAsGetHandler extends Handler.Wrapper {
  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!HttpMethod.HEAD.is(request.getMethod()) || opensAStream(request)) return super.handle(request, response, callback);
    return super.handle(new Request.Wrapper(request) {
      @Override
      public String getMethod() {
        return HttpMethod.GET.asString();
      }
    }, response, callback);
  }

  /**
   * An event stream (the events route streams only for {@code Accept: text/event-stream}) or a
   * WebSocket upgrade: as a GET it would hold the connection open.
   */
  private static boolean opensAStream(Request request) {
    String path = Request.getPathInContext(request);
    while (path != null && path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    return (path != null && (path.endsWith("/events") || path.equals("/ws")))
        || (accept != null && accept.contains("text/event-stream"))
        || request.getHeaders().contains(HttpHeader.UPGRADE);
  }
}
