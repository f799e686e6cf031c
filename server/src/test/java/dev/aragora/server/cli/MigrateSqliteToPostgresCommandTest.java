package dev.aragora.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.App;
import dev.aragora.server.config.ServerConfig;
import dev.aragora.server.store.Database;
import dev.aragora.server.store.DatabaseSettings;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.MigrationScripts;
import dev.aragora.server.testing.TempPostgres;
import dev.aragora.server.testing.TestAuth;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aragora migrate-sqlite-to-postgres} on data the real server wrote to SQLite (demo debates
 * with their events, receipts, ratings and memory), read back by the server from PostgreSQL.
 */
class MigrateSqliteToPostgresCommandTest {
  private static final String PASSWORD = "hunter2-secret";
  private static final String AGENTS = "demo:skeptic,demo:optimist,demo:economist";
  private static final List<String> TABLES = List.of("counters", "debate_events", "debates", "matches",
      "memory_entries", "memory_scopes", "predictions", "rating_history", "ratings", "receipts");

  @TempDir
  Path dataDir;

  private TempPostgres postgres;

  @BeforeEach
  void createDatabase() {
    postgres = TempPostgres.create();
  }

  @AfterEach
  void dropDatabase() {
    postgres.close();
  }

  private String dsn() {
    return postgres.urlWithPassword(PASSWORD);
  }

  private Map<String, String> sqliteEnv() {
    return Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf");
  }

  private Map<String, String> postgresEnv() {
    return Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf", "DATABASE_URL", dsn());
  }

  private static CliRun run(Map<String, String> env, String... args) {
    return CliRun.of(env, args);
  }

  private CliRun copy(String... more) {
    List<String> args = new ArrayList<>(List.of("migrate-sqlite-to-postgres", "--data-dir", dataDir.toString(), "--to", dsn()));
    args.addAll(List.of(more));
    return run(Map.of(), args.toArray(String[]::new));
  }

  /** Runs the questions as demo debates on SQLite and waits until each is rated, remembered and has its receipt. */
  private List<String> debatesOnSqlite(String... questions) {
    List<String> ids = new ArrayList<>();
    try (App app = TestAuth.start(sqliteEnv())) {
      ApiClient api = new ApiClient(app.port());
      for (String question : questions) {
        ApiClient.Reply created = api.post("/api/v2/debates", "{\"task\":\"" + question + "\",\"agents\":\"" + AGENTS
            + "\",\"rounds\":1,\"metadata\":{\"domain\":\"security\"}}");
        assertThat(created.status()).isEqualTo(202);
        String id = created.body().get("id").asText();
        api.await("/api/v2/debates/" + id, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(30));
        ids.add(id);
      }
      for (String id : ids) awaitStatus(api, "/api/v2/debates/" + id + "/receipt", 200);
      api.await("/api/v2/agents/leaderboard", b -> b.get("agents").size() == 3
          && b.get("agents").findValues("matches").stream().allMatch(m -> m.asInt() == questions.length), Duration.ofSeconds(20));
      api.await("/api/v2/consensus/similar?q=" + questions[0].replace(' ', '+'),
          b -> !b.get("results").isEmpty(), Duration.ofSeconds(20));
    }
    return ids;
  }

  private static void awaitStatus(ApiClient api, String path, int status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (api.raw(path).statusCode() != status) {
      assertThat(System.nanoTime()).as("waiting for %s to answer %d", path, status).isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** What the API answers for everything the debates left behind (receipts byte for byte). */
  private static Map<String, String> snapshot(ApiClient api, List<String> ids, String question) {
    List<String> paths = new ArrayList<>(List.of("/api/v2/debates?limit=100", "/api/v2/agents/leaderboard",
        "/api/v2/agents/leaderboard?domain=security", "/api/v2/agents/demo:skeptic",
        "/api/v2/agents/demo:skeptic/head-to-head/demo:optimist", "/api/v2/consensus/similar?q=" + question.replace(' ', '+')));
    for (String id : ids) {
      String debate = "/api/v2/debates/" + id;
      paths.addAll(List.of(debate, debate + "/events?limit=1000", debate + "/messages", debate + "/receipt",
          debate + "/export/md"));
    }
    Map<String, String> answers = new LinkedHashMap<>();
    for (String path : paths) {
      var response = api.raw(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      answers.put(path, response.body());
    }
    return answers;
  }

  @Test
  void everyTableIsCopiedAndTheServerAnswersTheSameFromPostgresql() {
    String question = "Should we rotate the signing keys every quarter?";
    List<String> ids = debatesOnSqlite(question, "Should we pin our base images by digest?",
        "Is a WAF worth running in front of the API?");
    Map<String, String> before;
    try (App app = TestAuth.start(sqliteEnv())) {
      before = snapshot(new ApiClient(app.port()), ids, question);
    }

    CliRun copy = copy();

    assertThat(copy.exit()).as(copy.all()).isZero();
    assertThat(copy.out()).contains("from: SQLite " + dataDir.resolve("aragora.db"),
        "to:   PostgreSQL jdbc:postgresql://127.0.0.1:5432/" + postgres.name() + " (user postgres)",
        "applied V1 debates and events to PostgreSQL", "in one transaction",
        "verified: row counts equal and sampled rows equal column by column");
    for (String table : TABLES) assertThat(copy.out()).containsPattern("(?m)^" + table + " +\\d+ +\\d+ +\\d+  ok$");
    assertThat(copy.out()).containsPattern("(?m)^debates +3 +3 +3  ok$").containsPattern("(?m)^receipts +3 +3 +3  ok$");
    assertThat(copy.all()).doesNotContain(PASSWORD);
    assertThat(copy.err()).isEmpty();

    try (App app = TestAuth.start(postgresEnv())) {
      ApiClient api = new ApiClient(app.port());
      assertThat(snapshot(api, ids, question)).isEqualTo(before);
      // The stored sequences carried over: a new debate queues behind the copied ones and is rated after them.
      String id = api.post("/api/v2/debates", "{\"task\":\"And one more?\",\"agents\":\"" + AGENTS + "\",\"rounds\":1}")
          .body().get("id").asText();
      JsonNode done = api.await("/api/v2/debates/" + id, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(30));
      assertThat(done.get("status").asText()).isIn("consensus_reached", "completed");
      assertThat(api.get("/api/v2/debates").body().get("total").asInt()).isEqualTo(4);
      api.await("/api/v2/agents/demo:skeptic", a -> a.get("matches").asInt() == 4, Duration.ofSeconds(20));
    }
  }

  @Test
  void aTargetHoldingDataIsRefusedUnlessForcedAndDifferencesAreReported() {
    debatesOnSqlite("Do we need a second region?");
    assertThat(copy().exit()).isZero();

    CliRun again = copy();
    postgres.execute("UPDATE debates SET task = 'tampered'");
    postgres.execute("DELETE FROM debate_events WHERE seq = 1");
    CliRun verify = copy("--verify-only", "--sample", "1000");
    CliRun forced = copy("--force");

    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("PostgreSQL already holds data in ", "debates (1 row)",
        "nothing was copied", "--force");
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.out()).doesNotContain("applied", "copied").containsPattern("(?m)^debates +1 +1 +1  DIFFERENT$")
        .containsPattern("(?m)^debate_events +(\\d+) +(\\d+) +\\d+  DIFFERENT$");
    assertThat(verify.err()).contains("debates: id='deb_", "task is 'Do we need a second region?' in SQLite, 'tampered' in PostgreSQL",
        " rows in SQLite, ", "debate_events: debate_id='deb_", ", seq=1: missing in PostgreSQL",
        "the copy differs from the SQLite database");
    assertThat(forced.exit()).as(forced.all()).isZero();
    assertThat(forced.out()).containsPattern("(?m)^debates +1 +1 +1  ok$");
    assertThat(again.all() + verify.all() + forced.all()).doesNotContain(PASSWORD);
  }

  @Test
  void aSqliteDatabaseBehindThisVersionIsRefusedAndNothingIsWritten() throws Exception {
    try (Database database = Database.open(DatabaseSettings.sqlite(dataDir))) {
      assertThat(database.isReady()).isTrue();
    }
    try (Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("aragora.db"));
         Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM flyway_schema_history WHERE version = '" + MigrationScripts.latest() + "'");
    }

    CliRun run = copy();

    assertThat(run.exit()).isEqualTo(1);
    int latest = MigrationScripts.latest();
    assertThat(run.err()).contains("the SQLite database is not at this version's schema (at version " + (latest - 1)
            + ", pending: " + MigrationScripts.name(latest) + ")",
        "aragora migrate");
    assertThat(run(Map.of("DATABASE_URL", dsn()), "migrate", "--verify").err()).contains("no schema yet");
  }

  @Test
  void missingSourceOrTargetAreClearErrors() {
    CliRun noTarget = run(Map.of(), "migrate-sqlite-to-postgres", "--data-dir", dataDir.toString());
    CliRun noSource = run(Map.of("DATABASE_URL", dsn()), "migrate-sqlite-to-postgres", "--data-dir",
        dataDir.resolve("nowhere").toString());

    assertThat(noTarget.exit()).isEqualTo(2);
    assertThat(noTarget.err()).contains("no PostgreSQL target: pass --to DSN or set DATABASE_URL");
    assertThat(noSource.exit()).isEqualTo(1);
    assertThat(noSource.err()).contains("no SQLite database at " + dataDir.resolve("nowhere").resolve("aragora.db"));
  }
}
