package dev.aragora.server.redis;

/** What /api/health and readiness say about Redis. */
public enum RedisStatus {
  CONNECTED("connected"),
  DISCONNECTED("disconnected"),
  NOT_CONFIGURED("not_configured");

  private final String wireName;

  RedisStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The word in the health documents. */
  public String wireName() {
    return wireName;
  }
}
