package dev.aragora.server.store;

class StoreDatabaseSqliteTest extends StoreDatabaseContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.sqlite();
  }
}
