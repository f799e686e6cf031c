package dev.aragora.server.api;

import dev.aragora.server.security.Principal;
import io.javalin.http.Context;

/** The tenant a request acts for: its caller's, as the access guard resolved it. */
public final class RequestTenant {
  private RequestTenant() {}

  /** Fails (500) rather than guess when the access guard has not run: no request reads data without a tenant. */
  public static String of(Context ctx) {
    Principal principal = ctx.attribute(Principal.ATTRIBUTE);
    if (principal == null) throw new IllegalStateException("no caller on " + ctx.path() + ": the access guard did not run");
    return principal.tenantId();
  }
}
