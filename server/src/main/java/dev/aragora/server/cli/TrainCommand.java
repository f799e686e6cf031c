package dev.aragora.server.cli;

import dev.aragora.server.App;
import dev.aragora.server.config.AuthConfig;
import dev.aragora.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * A short, typical run for the JVM to record while the launcher builds its ahead-of-time cache
 * (JDK 25+): start the server on a throwaway data directory, answer the probes, run one demo
 * debate over HTTP and follow its events, then stop. Not for people; hidden from help.
 */
@Command(name = "aot-training", hidden = true)
final class TrainCommand implements Callable<Integer> {
  private final Map<String, String> env;

  TrainCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("aragora-training");
    Map<String, String> trainingEnv = new HashMap<>(env);
    trainingEnv.put("ARAGORA_DATA_DIR", dir.toString());
    // Throwaway credentials: the admin's password is set so that none is printed, the secret so
    // that ARAGORA_ENV=production in the caller's environment does not refuse the training run.
    String password = UUID.randomUUID().toString();
    trainingEnv.put("ARAGORA_ADMIN_PASSWORD", password);
    trainingEnv.put("ARAGORA_JWT_SECRET", UUID.randomUUID() + "-" + UUID.randomUUID());
    trainingEnv.remove("ARAGORA_JWT_SECRET_PREVIOUS");
    try (App app = App.start(trainingEnv, ServerConfig.fromEnvironment(trainingEnv).withPort(0))) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + app.port();
      get(http, base + "/readyz", "");
      get(http, base + "/api/v2/health", "");
      String login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/auth/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + AuthConfig.fromEnvironment(trainingEnv).adminEmail()
              + "\",\"password\":\"" + password + "\"}"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      String bearer = "Bearer " + login.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
      String created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/debates"))
              .header("Authorization", bearer)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"task\":\"Warm up?\",\"agents\":\"demo:skeptic,demo:optimist\",\"rounds\":1}"))
              .build(), HttpResponse.BodyHandlers.ofString()).body();
      String id = created.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
      http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/debates/" + id + "/events"))
          .header("Authorization", bearer).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.discarding());
      get(http, base + "/api/v2/debates/" + id, bearer);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return 0;
  }

  private static void get(HttpClient http, String url, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (!bearer.isEmpty()) request.header("Authorization", bearer);
    http.send(request.build(), HttpResponse.BodyHandlers.discarding());
  }
}
