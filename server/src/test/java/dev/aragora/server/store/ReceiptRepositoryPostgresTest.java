package dev.aragora.server.store;

class ReceiptRepositoryPostgresTest extends ReceiptRepositoryContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.postgres();
  }
}
