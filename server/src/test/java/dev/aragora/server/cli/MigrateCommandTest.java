package dev.aragora.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.server.App;
import dev.aragora.server.config.ServerConfig;
import dev.aragora.server.testing.MigrationScripts;
import dev.aragora.server.testing.TempPostgres;
import dev.aragora.server.testing.TestAuth;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code aragora migrate [--verify]} on a real PostgreSQL database (and SQLite), as a migration Job runs it. */
class MigrateCommandTest {
  /** Trust authentication accepts any password, so the DSNs carry one to prove it is never printed. */
  private static final String PASSWORD = "hunter2-secret";

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

  private Map<String, String> env() {
    return Map.of("DATABASE_URL", dsn(), "ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf");
  }

  private static CliRun run(Map<String, String> env, String... args) {
    return CliRun.of(env, args);
  }

  @Test
  void verifyListsPendingScriptsAndMigrateAppliesThemOnce() {
    CliRun before = run(env(), "migrate", "--verify");
    CliRun first = run(env(), "migrate");
    CliRun second = run(env(), "migrate");
    CliRun after = run(env(), "migrate", "--verify");

    assertThat(before.exit()).isEqualTo(1);
    int latest = MigrationScripts.latest();
    assertThat(before.err()).contains("schema not up to date (no schema yet)", "pending V1 debates and events",
        "pending " + MigrationScripts.name(latest), "run 'aragora migrate'");
    assertThat(first.exit()).as(first.all()).isZero();
    assertThat(first.out()).contains("database: PostgreSQL jdbc:postgresql://127.0.0.1:5432/" + postgres.name(),
        MigrationScripts.names().stream().map(n -> "applied " + n + "\n").collect(Collectors.joining()),
        "schema at version " + latest + " (from an empty database; " + latest + " migrations applied)");
    assertThat(second.exit()).isZero();
    assertThat(second.out()).contains("schema up to date at version " + latest + "; nothing to apply").doesNotContain("applied V");
    assertThat(after.exit()).as(after.all()).isZero();
    assertThat(after.out()).contains("schema up to date at version " + latest + "; applied migrations are valid");
    for (CliRun run : new CliRun[] {before, first, second, after}) assertThat(run.all()).doesNotContain(PASSWORD);
  }

  @Test
  void verifyReportsAChangedScriptAndChangesNothing() {
    run(env(), "migrate");
    postgres.execute("UPDATE flyway_schema_history SET checksum = 7 WHERE version = '3'");

    CliRun verify = run(env(), "migrate", "--verify");

    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.err()).contains("schema not up to date (at version " + MigrationScripts.latest() + ")", "invalid V3 ratings: ").contains("checksum");
  }

  @Test
  void anUnreachableDatabaseFailsClearlyWithoutItsPassword() {
    Map<String, String> env = Map.of("DATABASE_URL", "postgresql://postgres:" + PASSWORD + "@127.0.0.1:1/aragora");

    CliRun migrate = run(env, "migrate");
    CliRun verify = run(env, "migrate", "--verify");

    assertThat(migrate.exit()).isEqualTo(1);
    assertThat(migrate.err()).startsWith("aragora migrate: cannot migrate PostgreSQL jdbc:postgresql://127.0.0.1:1/aragora")
        .contains("refused");
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.err()).contains("refused");
    assertThat(migrate.all() + verify.all()).doesNotContain(PASSWORD);
  }

  @Test
  void aMalformedUrlIsABadSettingAndIsNotRepeated() {
    CliRun run = run(Map.of("DATABASE_URL", "postgresql://postgres:" + PASSWORD + "@db host/aragora"), "migrate");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("aragora: DATABASE_URL has an invalid host name\n");
  }

  @Test
  void withoutAUrlItMigratesTheSqliteFileInTheDataDirectory() {
    Map<String, String> sqlite = Map.of("ARAGORA_DATA_DIR", dataDir.toString());

    CliRun missing = run(sqlite, "migrate", "--verify");
    CliRun migrate = run(sqlite, "migrate");

    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("no SQLite database at " + dataDir.resolve("aragora.db"));
    assertThat(migrate.exit()).isZero();
    assertThat(migrate.out()).contains("database: SQLite " + dataDir.resolve("aragora.db"), "applied " + MigrationScripts.name(MigrationScripts.latest()));
    assertThat(run(sqlite, "migrate", "--verify").exit()).isZero();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void serveRefusesAnOutdatedSchemaWhenAJobMigratesAndStartsOnceItIsCurrent() {
    Map<String, String> jobMigrates = new java.util.HashMap<>(env());
    jobMigrates.put("ARAGORA_DB_MIGRATE_ON_START", "false");

    CliRun refused = run(jobMigrates, "serve", "--port", "0");

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).startsWith("aragora: the database schema is not up to date (no schema yet, pending: V1 ")
        .contains("ARAGORA_DB_MIGRATE_ON_START is false", "aragora migrate").doesNotContain(PASSWORD);
    assertThat(run(env(), "migrate", "--verify").exit()).as("refusing applied nothing").isEqualTo(1);

    assertThat(run(env(), "migrate").exit()).isZero();
    try (App app = TestAuth.start(jobMigrates)) {
      assertThat(app.port()).isPositive();
    }
  }
}
