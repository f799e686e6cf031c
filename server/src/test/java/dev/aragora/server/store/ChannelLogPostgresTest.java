package dev.aragora.server.store;

class ChannelLogPostgresTest extends ChannelLogContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.postgres();
  }
}
