package dev.aragora.server.tenancy;

import dev.aragora.server.store.DatabaseSettings;
import dev.aragora.server.testing.TempPostgres;

class MeteringPostgresTest extends MeteringContract {
  private TempPostgres postgres;

  @Override
  DatabaseSettings settings() {
    postgres = TempPostgres.create();
    return DatabaseSettings.postgres(postgres.url());
  }

  @Override
  void dropDatabase() {
    postgres.close();
  }
}
