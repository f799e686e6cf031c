package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.TempPostgres;
import dev.aragora.server.testing.TestAuth;
import dev.aragora.server.testing.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation holds on every instance: two Apps sharing PostgreSQL (and Redis, or not), and one App
 * restarted on its SQLite file.
 */
class ServeAuthInstancesApiTest {
  @TempDir
  Path dataDir;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened.reversed()) c.close();
  }

  private <T extends AutoCloseable> T keep(T resource) {
    opened.add(resource);
    return resource;
  }

  private App instance(TempPostgres postgres, TestRedis redis, String name) {
    Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", postgres.url(), "ARAGORA_INSTANCE_ID", name,
        "ARAGORA_DATA_DIR", dataDir.resolve(name).toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf",
        "ARAGORA_DB_POOL_SIZE", "3"));
    if (redis != null) {
      env.put("ARAGORA_REDIS_URL", "redis://127.0.0.1:" + TestRedis.PORT);
      env.put("ARAGORA_REDIS_KEY_PREFIX", redis.prefix());
    }
    return keep(TestAuth.start(env));
  }

  private static JsonNode login(App app, String email, String password) {
    ApiClient.Reply reply = ApiClient.anonymous(app.port()).post("/api/v2/auth/login",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return reply.body();
  }

  @Test
  void withRedisALogoutARevocationAndARevokedKeyHoldOnTheOtherInstanceAtOnce() {
    TempPostgres postgres = keep(TempPostgres.create());
    TestRedis redis = keep(new TestRedis());
    App a = instance(postgres, redis, "inst-a");
    App b = instance(postgres, redis, "inst-b");
    assertThat(new ApiClient(a.port()).post("/api/v2/auth/users",
        "{\"email\":\"ada@example.com\",\"password\":\"ada-password\"}").status()).isEqualTo(201);

    // Signed in on A, the token works on B; logged out on A, it stops on B at once.
    String token = login(a, "ada@example.com", "ada-password").get("access_token").asText();
    ApiClient onB = ApiClient.withToken(b.port(), token);
    assertThat(onB.get("/api/v2/debates").status()).isEqualTo(200);
    assertThat(ApiClient.withToken(a.port(), token).post("/api/v2/auth/logout", "").status()).isEqualTo(204);
    assertThat(onB.get("/api/v2/debates").status()).isEqualTo(401);
    assertThat(redis.commands().keys(redis.prefix() + "revoked:*")).isNotEmpty();

    // An admin on B revokes the user: A refuses the user's token and refresh token.
    JsonNode tokens = login(a, "ada@example.com", "ada-password");
    ApiClient onA = ApiClient.withToken(a.port(), tokens.get("access_token").asText());
    assertThat(onA.get("/api/v2/debates").status()).isEqualTo(200);
    assertThat(new ApiClient(b.port()).post("/api/v2/auth/revoke", "{\"email\":\"ada@example.com\"}").status())
        .isEqualTo(200);
    assertThat(onA.get("/api/v2/debates").status()).isEqualTo(401);
    assertThat(ApiClient.anonymous(a.port()).post("/api/v2/auth/refresh",
        "{\"refresh_token\":\"" + tokens.get("refresh_token").asText() + "\"}").status()).isEqualTo(401);

    // A key created on A works on B until it is revoked on A.
    ApiClient ada = ApiClient.withToken(a.port(), login(a, "ada@example.com", "ada-password").get("access_token").asText());
    JsonNode key = ada.post("/api/v2/auth/api-keys", "{\"name\":\"ci\"}").body();
    ApiClient keyOnB = ApiClient.withToken(b.port(), key.get("key").asText());
    assertThat(keyOnB.get("/api/v2/debates").status()).isEqualTo(200);
    assertThat(ada.delete("/api/v2/auth/api-keys/" + key.get("id").asText()).status()).isEqualTo(204);
    assertThat(keyOnB.get("/api/v2/debates").status()).isEqualTo(401);
  }

  @Test
  void withoutRedisInstancesOnOnePostgresSeeALogoutWithinSeconds() {
    TempPostgres postgres = keep(TempPostgres.create());
    App a = instance(postgres, null, "inst-a");
    App b = instance(postgres, null, "inst-b");
    String token = login(a, TestAuth.ADMIN_EMAIL, TestAuth.ADMIN_PASSWORD).get("access_token").asText();
    ApiClient onB = ApiClient.withToken(b.port(), token);
    assertThat(onB.get("/api/v2/debates").status()).isEqualTo(200);
    assertThat(ApiClient.withToken(a.port(), token).post("/api/v2/auth/logout", "").status()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
        .until(() -> onB.get("/api/v2/debates").status() == 401);
  }

  @Test
  void aLogoutOutlivesARestart() {
    Map<String, String> env = Map.of("ARAGORA_DATA_DIR", dataDir.resolve("solo").toString(),
        "ARAGORA_SIMILARITY_BACKEND", "tfidf");
    App first = TestAuth.start(env);
    String token;
    try {
      token = login(first, TestAuth.ADMIN_EMAIL, TestAuth.ADMIN_PASSWORD).get("access_token").asText();
      assertThat(ApiClient.withToken(first.port(), token).post("/api/v2/auth/logout", "").status()).isEqualTo(204);
    } finally {
      first.close();
    }
    App second = keep(TestAuth.start(env));
    assertThat(ApiClient.withToken(second.port(), token).get("/api/v2/debates").status()).isEqualTo(401);
    String fresh = login(second, TestAuth.ADMIN_EMAIL, TestAuth.ADMIN_PASSWORD).get("access_token").asText();
    assertThat(ApiClient.withToken(second.port(), fresh).get("/api/v2/debates").status()).isEqualTo(200);
  }
}
