package dev.aragora.server.tenancy;

import dev.aragora.server.store.DatabaseSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class MeteringSqliteTest extends MeteringContract {
  @TempDir
  Path dir;

  @Override
  DatabaseSettings settings() {
    return DatabaseSettings.sqlite(dir.resolve("data"));
  }

  @Override
  void dropDatabase() {}
}
