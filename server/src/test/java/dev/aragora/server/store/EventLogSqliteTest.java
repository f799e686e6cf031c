package dev.aragora.server.store;

class EventLogSqliteTest extends EventLogContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.sqlite();
  }
}
