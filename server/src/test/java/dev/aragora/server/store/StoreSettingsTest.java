package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.zaxxer.hikari.HikariDataSource;
import dev.aragora.server.testing.TempPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

class StoreSettingsTest {
  @Test
  void withoutAPostgresUrlTheStoreIsSqliteInTheDataDirectory() {
    var settings = DatabaseSettings.fromEnv(Map.of("ARAGORA_DATA_DIR", "/tmp/x"));

    assertThat(settings.isPostgres()).isFalse();
    assertThat(settings.sqliteFile()).isEqualTo(Path.of("/tmp/x/aragora.db"));
    assertThat(DatabaseSettings.fromEnv(Map.of()).dataDir()).isEqualTo(Path.of("./data"));
  }

  @Test
  void postgresUrlBecomesAJdbcUrlWithSeparateCredentials() {
    var settings = DatabaseSettings.fromEnv(Map.of("DATABASE_URL", "postgresql://bob:p%40ss@db.example:6543/aragora?sslmode=require",
        "ARAGORA_DB_POOL_SIZE", "4", "ARAGORA_DB_POOL_TIMEOUT", "7"));

    assertThat(settings.postgresUrl()).isEqualTo("jdbc:postgresql://db.example:6543/aragora?sslmode=require");
    assertThat(settings.user()).isEqualTo("bob");
    assertThat(settings.password()).isEqualTo("p@ss");
    assertThat(settings.poolSize()).isEqualTo(4);
    assertThat(settings.poolTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(settings.toString()).doesNotContain("p@ss");
  }

  @Test
  void jdbcUrlAndTheAragoraVariableAreAcceptedAsGiven() {
    var settings = DatabaseSettings.fromEnv(Map.of("ARAGORA_POSTGRES_DSN", "jdbc:postgresql://h/db?user=u"));

    assertThat(settings.postgresUrl()).isEqualTo("jdbc:postgresql://h/db?user=u");
    assertThat(settings.poolSize()).isEqualTo(DatabaseSettings.DEFAULT_POOL_SIZE);
    assertThatIllegalArgumentException().isThrownBy(() -> DatabaseSettings.postgres("mysql://h/db"));
  }

  @Test
  void overflowConnectionsOpenAboveThePoolSize() {
    var settings = DatabaseSettings.fromEnv(Map.of("DATABASE_URL", "postgresql://h/db",
        "ARAGORA_DB_POOL_SIZE", "20", "ARAGORA_DB_POOL_MAX_OVERFLOW", "10"));

    assertThat(settings.poolSize()).isEqualTo(20);
    assertThat(settings.maxOverflow()).isEqualTo(10);
    assertThat(settings.maxConnections()).isEqualTo(30);
    assertThat(DatabaseSettings.postgres("postgresql://h/db").maxOverflow()).isEqualTo(DatabaseSettings.DEFAULT_MAX_OVERFLOW);
    assertThat(DatabaseSettings.fromEnv(Map.of("ARAGORA_DB_POOL_MAX_OVERFLOW", "0", "DATABASE_URL", "postgresql://h/db"))
        .maxConnections()).isEqualTo(DatabaseSettings.DEFAULT_POOL_SIZE);
    assertThat(DatabaseSettings.fromEnv(Map.of("ARAGORA_DB_POOL_SIZE", "20")).maxConnections())
        .as("SQLite keeps one connection whatever the pool settings").isEqualTo(1);
  }

  @Test
  void migratingOnStartIsOnUnlessTurnedOff() {
    assertThat(DatabaseSettings.fromEnv(Map.of()).migrateOnStart()).isTrue();
    assertThat(DatabaseSettings.fromEnv(Map.of("ARAGORA_DB_MIGRATE_ON_START", "false")).migrateOnStart()).isFalse();
    assertThat(DatabaseSettings.fromEnv(Map.of("ARAGORA_DB_MIGRATE_ON_START", "0")).migrateOnStart()).isFalse();
  }

  @Test
  void badNumbersAndFlagsNameTheirVariable() {
    assertThatIllegalArgumentException().isThrownBy(() -> DatabaseSettings.fromEnv(Map.of("ARAGORA_DB_POOL_MAX_OVERFLOW", "-1")))
        .withMessage("ARAGORA_DB_POOL_MAX_OVERFLOW must be a whole number from 0 to 1000, got '-1'");
    assertThatIllegalArgumentException().isThrownBy(() -> DatabaseSettings.fromEnv(Map.of("ARAGORA_DB_POOL_SIZE", "ten")))
        .withMessageStartingWith("ARAGORA_DB_POOL_SIZE must be a whole number");
    assertThatIllegalArgumentException().isThrownBy(() -> DatabaseSettings.fromEnv(Map.of("ARAGORA_DB_POOL_TIMEOUT", "0")))
        .withMessageStartingWith("ARAGORA_DB_POOL_TIMEOUT must be a whole number from 1");
    assertThatIllegalArgumentException().isThrownBy(() -> DatabaseSettings.fromEnv(Map.of("ARAGORA_DB_MIGRATE_ON_START", "maybe")))
        .withMessage("ARAGORA_DB_MIGRATE_ON_START must be true or false, got 'maybe'");
  }

  @Test
  void queryParametersPassThroughToTheDriverWithLibpqNamesTranslated() throws Exception {
    var settings = DatabaseSettings.postgres("postgresql://u:p@db.example:5432/aragora?sslmode=verify-full"
        + "&sslrootcert=/etc/ssl/ca.pem&application_name=aragora-api&connect_timeout=3&options=-c%20statement_timeout%3D5000");

    assertThat(settings.postgresUrl()).isEqualTo("jdbc:postgresql://db.example:5432/aragora?sslmode=verify-full"
        + "&sslrootcert=/etc/ssl/ca.pem&ApplicationName=aragora-api&connectTimeout=3&options=-c%20statement_timeout%3D5000");
    PGSimpleDataSource driver = Database.unpooled(settings).unwrap(PGSimpleDataSource.class);
    assertThat(driver.getSslMode()).isEqualTo("verify-full");
    assertThat(driver.getSslRootCert()).isEqualTo("/etc/ssl/ca.pem");
    assertThat(driver.getApplicationName()).isEqualTo("aragora-api");
    assertThat(driver.getConnectTimeout()).isEqualTo(3);
    assertThat(driver.getOptions()).isEqualTo("-c statement_timeout=5000");
    assertThat(driver.getUser()).isEqualTo("u");
  }

  @Test
  void withoutItsOwnTimeoutsTheDriverGivesUpConnectingAfterFiveSeconds() throws Exception {
    PGSimpleDataSource driver = Database.unpooled(DatabaseSettings.postgres("postgresql://h/db"))
        .unwrap(PGSimpleDataSource.class);

    assertThat(driver.getConnectTimeout()).isEqualTo(5);
    assertThat(driver.getLoginTimeout()).isEqualTo(10);
  }

  @Test
  void hostListsIpv6AndUnencodedCharactersInThePasswordParse() {
    var settings = DatabaseSettings.postgres("postgres://app:p@ss+word@db-1:5432,db_2:5433,[::1]:5434/aragora");

    assertThat(settings.password()).isEqualTo("p@ss+word");
    assertThat(settings.user()).isEqualTo("app");
    assertThat(settings.postgresUrl()).isEqualTo("jdbc:postgresql://db-1:5432,db_2:5433,[::1]:5434/aragora");
  }

  @Test
  void passwordsAppearInNoErrorNorDescription() {
    for (String dsn : List.of("postgresql://u:hunter2@/db", "postgresql://u:hunter2@h:99999/db",
        "postgresql://u:hunter2%zz@h/db", "postgresql://u:hunter2@h/a/b", "mysql://u:hunter2@h/db",
        "postgresql://u:hunter2@bad host/db", "postgresql://u:hunter2@[::1/db")) {
      assertThatIllegalArgumentException().as(dsn).isThrownBy(() -> DatabaseSettings.postgres(dsn))
          .withMessageNotContaining("hunter2");
    }
    var fromUrl = DatabaseSettings.postgres("postgresql://u:hunter2@h/db");
    var inQuery = DatabaseSettings.postgres("jdbc:postgresql://h/db?user=u&password=hunter2&sslmode=require");
    for (var settings : List.of(fromUrl, inQuery)) {
      assertThat(settings.toString()).doesNotContain("hunter2");
      assertThat(settings.describe()).doesNotContain("hunter2");
      assertThat(settings.redact("FATAL: password authentication failed, tried hunter2 at "
          + "postgresql://u:hunter2@h/db and jdbc:postgresql://h/db?password=hunter2")).doesNotContain("hunter2");
    }
    assertThat(inQuery.describe()).contains("sslmode=require").contains("password=***");
    assertThatIllegalArgumentException().isThrownBy(() -> DatabaseSettings.fromEnv(Map.of()).withPostgres("--to", " "))
        .withMessage("--to is empty");
  }

  @Test
  void theDriverHonoursTheUrlsParameters() throws Exception {
    try (TempPostgres postgres = TempPostgres.create()) {
      var named = DatabaseSettings.postgres(postgres.url() + "?application_name=aragora-settings-test&sslmode=disable");
      try (Database database = Database.open(named); Connection connection = database.connection();
           Statement statement = connection.createStatement();
           ResultSet rows = statement.executeQuery("SHOW application_name")) {
        rows.next();
        assertThat(rows.getString(1)).isEqualTo("aragora-settings-test");
      }
      // The local server may or may not offer TLS; either way, sslmode=require reached the driver.
      var tls = DatabaseSettings.postgres(postgres.url() + "?sslmode=require");
      try (Database database = Database.open(tls); Connection connection = database.connection();
           Statement statement = connection.createStatement();
           ResultSet rows = statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
        rows.next();
        assertThat(rows.getBoolean(1)).isTrue();
      } catch (StoreException e) {
        assertThat(e.getMessage()).containsIgnoringCase("SSL");
      }
    }
  }

  @Test
  void thePoolKeepsPoolSizeConnectionsAndOpensOverflowOnesUnderLoad() {
    try (TempPostgres postgres = TempPostgres.create();
         Database database = Database.open(DatabaseSettings.fromEnv(Map.of("DATABASE_URL", postgres.url(),
             "ARAGORA_DB_POOL_SIZE", "2", "ARAGORA_DB_POOL_MAX_OVERFLOW", "3")))) {
      HikariDataSource pool = (HikariDataSource) database.dataSource();

      assertThat(pool.getMinimumIdle()).isEqualTo(2);
      assertThat(pool.getMaximumPoolSize()).isEqualTo(5);
    }
  }

  @Test
  void sqliteRunsInWalModeWithForeignKeysAndABusyTimeout(@TempDir Path dir) throws Exception {
    try (Database database = Database.open(DatabaseSettings.sqlite(dir.resolve("nested/data")));
         Connection connection = database.connection(); Statement statement = connection.createStatement()) {
      assertThat(dir.resolve("nested/data/aragora.db")).exists();
      assertThat(pragma(statement, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(statement, "foreign_keys")).isEqualTo("1");
      assertThat(Integer.parseInt(pragma(statement, "busy_timeout"))).isPositive();
    }
  }

  private static String pragma(Statement statement, String name) throws Exception {
    try (ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
