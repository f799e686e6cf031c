package dev.aragora.server.store;

class StoreDatabasePostgresTest extends StoreDatabaseContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.postgres();
  }
}
