package dev.aragora.server.store;

class ChannelLogSqliteTest extends ChannelLogContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.sqlite();
  }
}
