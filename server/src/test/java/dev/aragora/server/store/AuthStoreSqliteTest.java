package dev.aragora.server.store;

class AuthStoreSqliteTest extends AuthStoreContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.sqlite();
  }
}
