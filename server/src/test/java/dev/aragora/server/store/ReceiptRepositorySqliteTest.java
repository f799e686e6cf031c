package dev.aragora.server.store;

class ReceiptRepositorySqliteTest extends ReceiptRepositoryContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.sqlite();
  }
}
