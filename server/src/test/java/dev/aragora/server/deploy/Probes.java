package dev.aragora.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.server.App;
import dev.aragora.server.config.ServerConfig;
import dev.aragora.server.testing.TestAuth;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/** Probe paths and ports of manifests, held to a server started for the purpose. */
final class Probes {
  private Probes() {}

  /** The container port a probe's port (a number or a port name) means. */
  static int port(Container container, IntOrString port) {
    if (port.getIntVal() != null) return port.getIntVal();
    return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort).findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + port.getStrVal()));
  }

  /** Asserts the probe is an HTTP GET on the server's port; returns its path. */
  static String httpPath(Container container, Probe probe, String what) {
    assertThat(probe).as(container.getName() + " " + what).isNotNull();
    assertThat(probe.getHttpGet()).as(container.getName() + " " + what + " is an HTTP GET").isNotNull();
    assertThat(port(container, probe.getHttpGet().getPort())).as(what + " port").isEqualTo(ServerConfig.DEFAULT_PORT);
    return probe.getHttpGet().getPath();
  }

  /** GETs every path, without credentials, on a started server: each must answer 200. */
  static void answeredByAStartedServer(Collection<String> paths) throws Exception {
    try (App app = TestAuth.start(Map.of("ARAGORA_SIMILARITY_BACKEND", "tfidf"))) {
      HttpClient http = HttpClient.newHttpClient();
      for (String path : new TreeSet<>(paths)) {
        HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path + " on a started server").isEqualTo(200);
      }
    }
  }
}
