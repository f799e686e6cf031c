package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
