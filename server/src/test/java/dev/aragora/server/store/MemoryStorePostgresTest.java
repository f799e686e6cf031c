package dev.aragora.server.store;

class MemoryStorePostgresTest extends MemoryStoreContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.postgres();
  }
}
