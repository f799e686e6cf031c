package dev.aragora.server.store;

class DebateRepositoryPostgresTest extends DebateRepositoryContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.postgres();
  }
}
