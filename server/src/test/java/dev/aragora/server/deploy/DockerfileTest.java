package dev.aragora.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.server.App;
import dev.aragora.server.config.ServerConfig;
import dev.aragora.server.testing.TestAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Dockerfile, read statically (no Docker engine here) and held to what the server does. */
class DockerfileTest {
  private static final String DOCKERFILE = DeployFiles.read("Dockerfile");

  /** Instructions with their continuation lines joined, comments left out. */
  static List<String> instructions() {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : DOCKERFILE.split("\n")) {
      if (line.strip().startsWith("#")) continue;
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      if (!current.toString().isBlank()) out.add(current.toString().strip());
      current.setLength(0);
    }
    return out;
  }

  static String healthcheckPath() {
    String healthcheck = instructions().stream().filter(i -> i.startsWith("HEALTHCHECK")).findFirst()
        .orElseThrow(() -> new AssertionError("the Dockerfile has no HEALTHCHECK"));
    Matcher m = Pattern.compile("http://(?:127\\.0\\.0\\.1|localhost):(\\d+)(/\\S*)").matcher(healthcheck);
    assertThat(m.find()).as("HEALTHCHECK calls a local URL: " + healthcheck).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isEqualTo(ServerConfig.DEFAULT_PORT);
    return m.group(2);
  }

  /** The HEALTHCHECK's path, and the quick start's {@code curl http://localhost:8080/api/health}. */
  @Test
  void healthcheckPathIsOneAStartedServerAnswers() throws Exception {
    try (App app = TestAuth.start(Map.of("ARAGORA_SIMILARITY_BACKEND", "tfidf"))) {
      for (String path : List.of(healthcheckPath(), "/api/health")) {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path + " (no credentials, like curl)").isEqualTo(200);
      }
    }
  }

  @Test
  void buildsWithMavenAndRunsOnAJre21OrNewerAsANonRootUser() {
    List<String> from = instructions().stream().filter(i -> i.startsWith("FROM")).toList();
    assertThat(from).hasSize(2);
    assertThat(from.get(0)).contains(" AS build");
    Matcher runtime = Pattern.compile("FROM \\S+:(\\d+)-jre").matcher(from.get(1));
    assertThat(runtime.find()).as("the runtime stage is a JRE: " + from.get(1)).isTrue();
    assertThat(Integer.parseInt(runtime.group(1))).isGreaterThanOrEqualTo(21);
    assertThat(instructions()).anyMatch(i -> i.startsWith("RUN") && i.contains("./mvnw") && i.contains("package"));
    String user = instructions().stream().filter(i -> i.startsWith("USER")).reduce((a, b) -> b).orElseThrow();
    assertThat(user).doesNotContain("root").doesNotMatch("USER 0(:.*)?");
  }

  @Test
  void exposesTheServersPortAndKeepsDataInTheVolumeTheBackupCommandReads() {
    assertThat(instructions()).contains("EXPOSE " + ServerConfig.DEFAULT_PORT);
    assertThat(instructions()).contains("VOLUME [\"/app/data\"]");
    // seeds/000: sqlite3 /app/data/aragora.db ".backup /tmp/backup.db"
    assertThat(DOCKERFILE).contains("ARAGORA_DATA_DIR=/app/data").contains("sqlite3");
    assertThat(instructions()).anyMatch(i -> i.startsWith("COPY --from=build") && i.contains("server/target/aragora.jar"));
  }

  @Test
  void jvmIsContainerAwareAndEveryVariableItSetsIsKnown() {
    assertThat(DOCKERFILE).contains("MaxRAMPercentage").contains("exec java $JAVA_OPTS -jar /app/aragora.jar");
    Matcher env = Pattern.compile("(?:ENV|\\s)\\s*([A-Z][A-Z0-9_]*)=").matcher(
        String.join("\n", instructions().stream().filter(i -> i.startsWith("ENV")).toList()));
    List<String> names = new ArrayList<>();
    while (env.find()) names.add(env.group(1));
    assertThat(names).isNotEmpty().allMatch(n -> KnownEnv.known(n) || KnownEnv.JVM.contains(n), "read by the server or the JVM");
  }
}
