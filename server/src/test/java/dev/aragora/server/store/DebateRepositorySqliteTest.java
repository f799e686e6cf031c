package dev.aragora.server.store;

class DebateRepositorySqliteTest extends DebateRepositoryContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.sqlite();
  }
}
