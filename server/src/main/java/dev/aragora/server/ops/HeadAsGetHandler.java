package dev.aragora.server.ops;

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
 * streams are left to Javalin: as a GET they would stream until the client went away.
 */
public final class HeadAsGetHandler extends Handler.Wrapper {
  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!HttpMethod.HEAD.is(request.getMethod()) || request.getHttpURI().getPath().endsWith("/events"))
      return super.handle(request, response, callback);
    return super.handle(new Request.Wrapper(request) {
      @Override
      public String getMethod() {
        return HttpMethod.GET.asString();
      }
    }, response, callback);
  }
}
