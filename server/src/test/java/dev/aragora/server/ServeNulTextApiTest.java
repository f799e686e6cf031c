package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.TempPostgres;
import dev.aragora.server.testing.TestAuth;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text holding NUL (U+0000), which PostgreSQL refuses in any statement: every field the API stores
 * or looks up refuses it with 400 invalid_request, on PostgreSQL as on SQLite, and nothing is stored.
 */
class ServeNulTextApiTest {
  private static final String TEAM = "[\"demo:skeptic\",\"demo:optimist\"]";

  @TempDir
  Path dataDir;

  @Test
  void nulInAnyStoredOrLookedUpTextIs400OnPostgres() {
    try (TempPostgres postgres = TempPostgres.create();
         App app = TestAuth.start(Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "DATABASE_URL", postgres.url(),
             "ARAGORA_SIMILARITY_BACKEND", "tfidf"))) {
      assertRefused(app);
    }
  }

  @Test
  void nulInAnyStoredOrLookedUpTextIs400OnSqliteToo() {
    try (App app = TestAuth.start(Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf"))) {
      assertRefused(app);
    }
  }

  private static void assertRefused(App app) {
    ApiClient internal = new ApiClient(app.port());
    ApiClient anonymous = ApiClient.anonymous(app.port());
    assertThat(internal.post("/api/v2/auth/users", "{\"email\":\"member@example.com\",\"password\":\"member-password\"}")
        .status()).isEqualTo(201);
    String member = anonymous.post("/api/v2/auth/login", "{\"email\":\"member@example.com\",\"password\":\"member-password\"}")
        .body().get("access_token").asText();
    ApiClient asMember = ApiClient.withToken(app.port(), member);

    Map<String, ApiClient.Reply> replies = new LinkedHashMap<>();
    replies.put("task", internal.post("/api/v2/debates", "{\"task\":\"Why\\u0000?\",\"agents\":" + TEAM + "}"));
    replies.put("question", internal.post("/api/v2/debates", "{\"question\":\"\\u0000\",\"agents\":" + TEAM + "}"));
    replies.put("agents", internal.post("/api/v2/debates", "{\"task\":\"Why?\",\"agents\":[\"demo:a\\u0000\",\"demo\"]}"));
    replies.put("agents text", internal.post("/api/v2/debates", "{\"task\":\"Why?\",\"agents\":\"demo,demo:\\u0000\"}"));
    replies.put("status", internal.get("/api/v2/debates?status=%00"));
    replies.put("login email", anonymous.post("/api/v2/auth/login", "{\"email\":\"a\\u0000@x\",\"password\":\"whatever-1\"}"));
    replies.put("login password", anonymous.post("/api/v2/auth/login",
        "{\"email\":\"member@example.com\",\"password\":\"member-password\\u0000\"}"));
    replies.put("refresh", anonymous.post("/api/v2/auth/refresh", "{\"refresh_token\":\"rt_\\u0000\"}"));
    replies.put("user", internal.post("/api/v2/auth/users", "{\"email\":\"n\\u0000@example.com\",\"password\":\"long-enough\"}"));
    replies.put("revoke user", internal.post("/api/v2/auth/revoke", "{\"user_id\":\"usr_\\u0000\"}"));
    replies.put("revoke email", internal.post("/api/v2/auth/revoke", "{\"email\":\"\\u0000\"}"));
    replies.put("revoke key", internal.post("/api/v2/auth/revoke", "{\"key_id\":\"key_\\u0000\"}"));
    replies.put("key name", asMember.post("/api/v2/auth/api-keys", "{\"name\":\"ci\\u0000\"}"));
    replies.forEach((what, reply) -> {
      assertThat(reply.status()).as(what + ": " + reply.raw().body()).isEqualTo(400);
      assertThat(reply.body().at("/error/code").asText()).as(what).isEqualTo("invalid_request");
      assertThat(reply.body().at("/error/message").asText()).as(what).contains("NUL");
    });
    assertThat(internal.get("/api/v2/debates").body().get("total").asInt()).as("nothing was stored").isZero();
    assertThat(internal.get("/api/v2/auth/users").body().get("users")).hasSize(2);
    assertThat(asMember.get("/api/v2/auth/api-keys").body().get("keys")).isEmpty();
  }
}
