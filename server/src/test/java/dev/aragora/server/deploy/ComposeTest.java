package dev.aragora.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
