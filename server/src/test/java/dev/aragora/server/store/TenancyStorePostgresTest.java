package dev.aragora.server.store;

class TenancyStorePostgresTest extends TenancyStoreContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.postgres();
  }
}
