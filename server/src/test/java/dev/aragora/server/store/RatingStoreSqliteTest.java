package dev.aragora.server.store;

class RatingStoreSqliteTest extends RatingStoreContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.sqlite();
  }
}
