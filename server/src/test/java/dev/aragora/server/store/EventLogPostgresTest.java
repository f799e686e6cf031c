package dev.aragora.server.store;

class EventLogPostgresTest extends EventLogContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.postgres();
  }
}
