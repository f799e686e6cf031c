package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aragora.server.testing.MigrationScripts;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Applying and checking the schema on a fresh, empty database of each kind. */
abstract class MigrationsContract {
  static final List<String> SCRIPTS = MigrationScripts.names();

  StoreBackend backend;

  abstract StoreBackend newBackend();

  @BeforeEach
  void createBackend() {
    backend = newBackend();
  }

  @AfterEach
  void dropBackend() throws Exception {
    backend.close();
  }

  /** A database with no migration applied yet (SQLite: an empty file). */
  void createEmpty() throws SQLException {
    if (!backend.settings().isPostgres()) {
      Database.createDataDir(backend.settings());
      try (Connection connection = Database.unpooled(backend.settings()).getConnection()) {
        connection.getMetaData();
      }
    }
  }

  @Test
  void anEmptyDatabaseHasEveryScriptPending() throws Exception {
    createEmpty();

    Migrations.Status status = Migrations.of(backend.settings()).status();

    assertThat(status.isCurrent()).isFalse();
    assertThat(status.version()).isEmpty();
    assertThat(status.pending()).extracting(Migrations.Step::toString).containsExactlyElementsOf(SCRIPTS);
    assertThat(status.failed()).isEmpty();
    assertThat(status.problems()).isEmpty();
    assertThat(tableExists("flyway_schema_history")).as("a check creates nothing").isFalse();
  }

  @Test
  void migrateAppliesEachScriptOnceAndSaysWhich() {
    Migrations migrations = Migrations.of(backend.settings());

    Migrations.Applied first = migrations.migrate();
    Migrations.Applied second = migrations.migrate();

    assertThat(first.fromVersion()).isEmpty();
    assertThat(first.toVersion()).isEqualTo(String.valueOf(MigrationScripts.latest()));
    assertThat(first.steps()).extracting(Migrations.Step::toString).containsExactlyElementsOf(SCRIPTS);
    assertThat(second.steps()).isEmpty();
    assertThat(second.fromVersion()).isEqualTo(String.valueOf(MigrationScripts.latest()));
    assertThat(second.toVersion()).isEqualTo(String.valueOf(MigrationScripts.latest()));
    Migrations.Status status = migrations.status();
    assertThat(status.isCurrent()).isTrue();
    assertThat(status.version()).isEqualTo(String.valueOf(MigrationScripts.latest()));
  }

  @Test
  void anAppliedScriptThatChangedMakesTheSchemaInvalid() throws Exception {
    Migrations migrations = Migrations.of(backend.settings());
    migrations.migrate();
    execute("UPDATE flyway_schema_history SET checksum = 42 WHERE version = '2'");

    Migrations.Status status = migrations.status();

    assertThat(status.isCurrent()).isFalse();
    assertThat(status.pending()).isEmpty();
    assertThat(status.problems()).singleElement().asString().startsWith("V2 memory entries: ").contains("checksum");
    assertThatThrownBy(migrations::migrate).isInstanceOf(StoreException.class).hasMessageContaining("checksum");
  }

  @Test
  void withMigrateOnStartOffOpeningRefusesPendingScriptsAndAppliesNone() throws Exception {
    createEmpty();
    DatabaseSettings off = backend.settings().withMigrateOnStart(false);

    assertThatThrownBy(() -> Database.open(off)).isInstanceOf(StoreException.class)
        .hasMessageContaining("not up to date")
        .hasMessageContaining("pending: V1 debates and events, V2 memory entries")
        .hasMessageContaining("ARAGORA_DB_MIGRATE_ON_START is false")
        .hasMessageContaining("aragora migrate");
    assertThat(tableExists("flyway_schema_history")).isFalse();

    Migrations.of(backend.settings()).migrate();
    try (Database database = Database.open(off)) {
      assertThat(database.isReady()).isTrue();
    }
  }

  @Test
  void rowsStoredBeforeTenancyBelongToTheDefaultTenantOfTheirUpgrade() throws Exception {
    createEmpty();
    org.flywaydb.core.Flyway.configure().dataSource(Database.unpooled(backend.settings()))
        .locations("classpath:db/migration").target("8").load().migrate();
    execute("INSERT INTO debates (id, status, task, request_json, metadata_json, created_at, queue_seq)"
        + " VALUES ('d-old', 'completed', 'Old?', '{}', '{}', 1, 1)");
    execute("INSERT INTO ratings (agent, domain, elo, wins, losses, draws, matches, updated_at)"
        + " VALUES ('demo/skeptic', '', 1516, 1, 0, 0, 1, 1)");
    execute("INSERT INTO matches (debate_id, domain, winner, consensus_reached, rated, participants_json, seq, created_at)"
        + " VALUES ('d-old', 'general', 'demo/skeptic', 1, 1, '[]', 1, 1)");
    execute("INSERT INTO memory_scopes (scope, version) VALUES ('global', 3)");
    execute("INSERT INTO channel_events (channel, seq, type, created_at, envelope_json)"
        + " VALUES ('_leaderboard', 1, 'match_recorded', 1, '{}')");
    execute("INSERT INTO counters (name, value) VALUES ('channel:_leaderboard', 1)");

    DatabaseSettings acme = backend.settings().withDefaultTenant("acme");
    Migrations.of(acme).migrate();

    assertThat(one("SELECT tenant_id FROM debates WHERE id = 'd-old'")).isEqualTo("acme");
    assertThat(one("SELECT tenant_id FROM ratings WHERE agent = 'demo/skeptic'")).isEqualTo("acme");
    assertThat(one("SELECT elo FROM ratings WHERE agent = 'demo/skeptic'")).startsWith("1516");
    assertThat(one("SELECT tenant_id FROM matches WHERE debate_id = 'd-old'")).isEqualTo("acme");
    assertThat(one("SELECT scope FROM memory_scopes")).isEqualTo("tenant:acme");
    assertThat(one("SELECT channel FROM channel_events")).isEqualTo("_leaderboard:acme");
    assertThat(one("SELECT value FROM counters WHERE name = 'channel:_leaderboard:acme'")).isEqualTo("1");
    // The same identity may now be rated in another tenant too.
    execute("INSERT INTO ratings (tenant_id, agent, domain, elo, wins, losses, draws, matches, updated_at)"
        + " VALUES ('other', 'demo/skeptic', '', 1500, 0, 0, 0, 0, 1)");
    // The placeholder is not part of the checksum: another ARAGORA_DEFAULT_TENANT later keeps the schema valid.
    assertThat(Migrations.of(backend.settings().withDefaultTenant("other")).status().isCurrent()).isTrue();
  }

  String one(String sql) throws SQLException {
    try (Connection connection = Database.unpooled(backend.settings()).getConnection();
         Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).as(sql).isTrue();
      return rows.getString(1);
    }
  }

  void execute(String sql) throws SQLException {
    try (Connection connection = Database.unpooled(backend.settings()).getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  boolean tableExists(String name) throws SQLException {
    try (Connection connection = Database.unpooled(backend.settings()).getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      try (ResultSet tables = meta.getTables(null, null, name, null)) {
        return tables.next();
      }
    }
  }
}
