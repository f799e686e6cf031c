package dev.aragora.server.ratelimit;

import io.javalin.http.Context;

/**
 * Tells whom a request counts against, once authentication has run. The security layer puts its
 * principal on the request; a resolver maps it to a {@link Caller}, and a request without one to
 * {@link Caller#anonymous} of its client IP.
 */
@FunctionalInterface
public interface CallerResolver {
  /** Every request is anonymous, limited by its client IP (the default until a principal is wired in). */
  CallerResolver ANONYMOUS = (ctx, clientIp) -> Caller.anonymous(clientIp);

  /** {@code clientIp} is the request's resolved client address (see {@link dev.aragora.server.net.ClientIp}). */
  Caller resolve(Context ctx, String clientIp);
}
