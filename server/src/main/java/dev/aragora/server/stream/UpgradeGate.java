package dev.aragora.server.stream;

import java.util.function.BooleanSupplier;

/**
 * Decides whether a WebSocket handshake on /ws may go on, and whether an open stream's credential
 * still holds (authentication lives outside this package). Streams ask {@link #validity} again at
 * every heartbeat: a WebSocket whose token expired or was revoked gets {@code auth_revoked} and is
 * closed with 1008, an SSE stream ends.
 */
@FunctionalInterface
public interface UpgradeGate {
  /**
   * Request attribute under which the access guard leaves an SSE request's {@link BooleanSupplier}
   * "the credential still holds" (absent: nothing to check).
   */
  String STILL_VALID = "aragora.stream.still-valid";

  /** Refusal of a handshake: the HTTP status, a message, and the WWW-Authenticate header (or null). */
  record Refusal(int status, String message, String wwwAuthenticate) {}

  UpgradeGate OPEN = (authorization, accessToken) -> null;

  /**
   * @param authorization the Authorization header, or null
   * @param accessToken the {@code access_token} query parameter, or null
   * @return null to accept, else the refusal
   */
  Refusal check(String authorization, String accessToken);

  /** For an accepted handshake: whether its credential still holds, asked at every heartbeat. */
  default BooleanSupplier validity(String authorization, String accessToken) {
    return () -> true;
  }
}
