package dev.aragora.server.ops;

import dev.aragora.server.api.HealthApi;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers GET on the probe paths in Jetty's core handler, in front of Javalin's servlet stack:
 * load balancers and orchestrators call these every few seconds per instance, and served here
 * they cost a fraction of a routed request. Everything else, and every other method, passes on.
 * The same paths are also routed in Javalin, so behaviour does not depend on this shortcut. The
 * health document is answered here only in its public form (status only) and only to requests
 * without credentials; with an Authorization header it goes to Javalin, which checks them.
 */
public final class ProbeHandler extends Handler.Wrapper {
  private final Map<String, Supplier<HealthApi.Probe>> probes;
  private final Map<String, Supplier<HealthApi.Probe>> documents;

  public ProbeHandler(HealthApi health) {
    Supplier<HealthApi.Probe> live = health::liveness;
    Supplier<HealthApi.Probe> ready = health::readiness;
    Supplier<HealthApi.Probe> document = health::summary;
    this.documents = Map.of("/api/health", document, "/api/v2/health", document);
    this.probes = Map.of("/healthz", live, "/readyz", ready, "/ready", ready, "/api/v2/health/ready", ready,
        "/api/health", document, "/api/v2/health", document);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Supplier<HealthApi.Probe> probe = HttpMethod.GET.is(request.getMethod())
        ? probes.get(request.getHttpURI().getPath()) : null;
    if (probe != null && documents.containsKey(request.getHttpURI().getPath())
        && request.getHeaders().contains(HttpHeader.AUTHORIZATION)) probe = null;
    if (probe == null) return super.handle(request, response, callback);
    HealthApi.Probe answer = probe.get();
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
    response.write(true, ByteBuffer.wrap(answer.body()), callback);
    return true;
  }
}
