package dev.aragora.server.store;

class DebateLeasesSqliteTest extends DebateLeasesContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.sqlite();
  }
}
