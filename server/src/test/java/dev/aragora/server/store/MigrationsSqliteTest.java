package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class MigrationsSqliteTest extends MigrationsContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.sqlite();
  }

  @Test
  void checkingAMissingFileCreatesNothing() {
    assertThatThrownBy(() -> Migrations.of(backend.settings()).status()).isInstanceOf(StoreException.class)
        .hasMessageStartingWith("no SQLite database at ");
    assertThat(Files.exists(backend.settings().sqliteFile())).isFalse();
  }
}
