package dev.aragora.server.store;

class MemoryStoreSqliteTest extends MemoryStoreContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.sqlite();
  }
}
