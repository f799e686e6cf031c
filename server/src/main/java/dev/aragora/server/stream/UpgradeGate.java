package dev.aragora.server.stream;

/** Decides whether a WebSocket handshake on /ws may go on (authentication lives outside this package). */
@FunctionalInterface
public interface UpgradeGate {
  /** Refusal of a handshake: the HTTP status, a message, and the WWW-Authenticate header (or null). */
  record Refusal(int status, String message, String wwwAuthenticate) {}

  UpgradeGate OPEN = (authorization, accessToken) -> null;

  /**
   * @param authorization the Authorization header, or null
   * @param accessToken the {@code access_token} query parameter, or null
   * @return null to accept, else the refusal
   */
  Refusal check(String authorization, String accessToken);
}
