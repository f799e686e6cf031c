package dev.aragora.server.store;

class TenancyStoreSqliteTest extends TenancyStoreContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.sqlite();
  }
}
