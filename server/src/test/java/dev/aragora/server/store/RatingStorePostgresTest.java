package dev.aragora.server.store;

class RatingStorePostgresTest extends RatingStoreContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.postgres();
  }
}
