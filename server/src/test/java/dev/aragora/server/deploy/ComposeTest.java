package dev.aragora.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.ServerProcess;
import dev.aragora.server.testing.TempPostgres;
import dev.aragora.server.testing.TestAuth;
import dev.aragora.server.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-compose.yml: the seeds/000 quick start and seeds/001's Redis and nginx. */
class ComposeTest {
  private static final JsonNode COMPOSE = DeployFiles.yaml("docker-compose.yml");

  @Test
  void runsAragoraWithPostgresRedisAndNginx() {
    assertThat(COMPOSE.path("services").properties()).extracting(e -> e.getKey())
        .containsExactlyInAnyOrder("aragora", "postgres", "redis", "nginx");
  }

  @Test
  void quickStartReadsDotEnvAndPublishesPort8080() {
    JsonNode aragora = COMPOSE.at("/services/aragora");
    assertThat(aragora.path("env_file").asText()).isEqualTo(".env");
    assertThat(aragora.path("build").asText()).isEqualTo(".");
    assertThat(aragora.path("ports").toString()).contains("8080:8080");
    assertThat(aragora.path("volumes").toString()).contains(":/app/data");
    assertThat(Files.exists(DeployFiles.root().resolve(".env.example"))).isTrue();
    // the quick start runs without the tls profile: nginx needs certificates first
    assertThat(COMPOSE.at("/services/nginx/profiles").toString()).contains("tls");
    for (String service : List.of("aragora", "postgres", "redis"))
      assertThat(COMPOSE.at("/services/" + service + "/profiles").isMissingNode()).as(service).isTrue();
  }

  @Test
  void redisIsAppendOnly() {
    assertThat(COMPOSE.at("/services/redis/command").toString()).contains("--appendonly").contains("yes");
    assertThat(COMPOSE.at("/services/redis/volumes").toString()).contains(":/data");
  }

  @Test
  void nginxMountsTheCheckedInConfig() {
    String volumes = COMPOSE.at("/services/nginx/volumes").toString();
    assertThat(volumes).contains("./deploy/nginx/aragora.conf:/etc/nginx/conf.d/default.conf");
    DeployFiles.file("deploy/nginx/aragora.conf");
  }

  /**
   * The quick start as written, short of Docker: the environment compose gives the aragora
   * container ({@code .env} copied from .env.example, then the service's {@code environment} with
   * compose's {@code ${VAR:-default}} filled in from it) starts the real server on PostgreSQL and
   * Redis. Only what only Docker could provide is replaced: the service host names (a fresh
   * database on the local PostgreSQL, the local Redis under a test key prefix) and the /app/data volume.
   */
  @Test
  void quickStartEnvironmentStartsTheServerOnPostgresAndRedis(@TempDir Path data) throws Exception {
    Map<String, String> dotEnv = dotEnv(DeployFiles.read(".env.example"));
    Map<String, String> env = new HashMap<>(dotEnv);
    COMPOSE.at("/services/aragora/environment").properties()
        .forEach(e -> env.put(e.getKey(), interpolate(e.getValue().asText(), dotEnv)));
    try (TempPostgres postgres = TempPostgres.create(); TestRedis redis = new TestRedis()) {
      String url = env.get("DATABASE_URL");
      assertThat(url).matches("postgresql://aragora:[^@]+@postgres:5432/aragora");
      // trust authentication: any password; the role is the local superuser, the database a fresh one
      env.put("DATABASE_URL", url.replace("aragora:", "postgres:").replace("@postgres:5432/aragora",
          "@127.0.0.1:" + TempPostgres.PORT + "/" + postgres.name()));
      env.put("ARAGORA_REDIS_URL", env.get("ARAGORA_REDIS_URL").replace("//redis:", "//127.0.0.1:"));
      env.put("ARAGORA_REDIS_KEY_PREFIX", redis.prefix());
      assertThat(env.get("ARAGORA_DATA_DIR")).isEqualTo("/app/data");
      env.put("ARAGORA_DATA_DIR", data.toString());
      try (ServerProcess server = ServerProcess.start(env)) {
        ApiClient anonymous = ApiClient.anonymous(server.port());
        assertThat(anonymous.get("/api/health").body().get("status").asText()).isEqualTo("ok");
        ApiClient.Reply login = anonymous.post("/api/v2/auth/login",
            "{\"email\":\"" + TestAuth.ADMIN_EMAIL + "\",\"password\":\"" + TestAuth.ADMIN_PASSWORD + "\"}");
        assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
        JsonNode health = ApiClient.withToken(server.port(), login.body().get("access_token").asText()).get("/api/health").body();
        assertThat(health.at("/database/type").asText()).as(health.toString()).isEqualTo("postgresql");
        assertThat(health.at("/database/ok").asBoolean()).isTrue();
        assertThat(health.path("redis").asText()).as(health.toString()).isEqualTo("connected");
        assertThat(health.path("rate_limits").asText()).isEqualTo("redis");
      }
    }
  }

  /** KEY=VALUE lines as compose reads an env_file (comments and blank lines skipped; KEY= is empty). */
  private static Map<String, String> dotEnv(String text) {
    Map<String, String> env = new HashMap<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
      int eq = trimmed.indexOf('=');
      assertThat(eq).as(".env.example line: " + line).isPositive();
      env.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
    }
    return env;
  }

  /** Compose's {@code ${VAR:-default}} and {@code ${VAR}}, from {@code env}. */
  private static String interpolate(String value, Map<String, String> env) {
    Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::-([^}]*))?}").matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String set = env.get(m.group(1));
      String replacement = set != null && !set.isEmpty() ? set : m.group(2) == null ? "" : m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return m.appendTail(out).toString();
  }

  @Test
  void aragoraEnvironmentNamesOnlyVariablesTheServerReads() {
    List<String> names = new ArrayList<>();
    COMPOSE.at("/services/aragora/environment").fieldNames().forEachRemaining(names::add);
    assertThat(names).contains("DATABASE_URL", "ARAGORA_REDIS_URL").allMatch(KnownEnv::known, "read by the server");
    assertThat(COMPOSE.at("/services/aragora/environment/DATABASE_URL").asText()).startsWith("postgresql://")
        .contains("@postgres:5432/");
    assertThat(COMPOSE.at("/services/aragora/environment/ARAGORA_REDIS_URL").asText()).startsWith("redis://redis:6379");
  }
}
