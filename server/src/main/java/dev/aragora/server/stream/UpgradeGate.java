package dev.aragora.server.stream;

import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Decides whether a WebSocket handshake on /ws may go on, for which tenant, and whether an open
 * stream's credential still holds (authentication and tenancy live outside this package). Streams
 * ask the credential again at every heartbeat: a WebSocket whose token expired or was revoked gets
 * {@code auth_revoked} and is closed with 1008, an SSE stream ends.
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

  /**
   * The answer to a handshake: a refusal, or (refusal null) the tenant whose streams the socket may
   * follow and whether its credential still holds.
   */
  record Decision(Refusal refusal, String tenant, BooleanSupplier stillValid) {
    public static Decision refused(Refusal refusal) {
      return new Decision(java.util.Objects.requireNonNull(refusal, "refusal is null"), null, () -> false);
    }
  }

  /** Admits everyone, in no tenant (every stream is visible): for tests of the streams alone. */
  UpgradeGate OPEN = (authorization, accessToken, headers) -> new Decision(null, null, () -> true);

  /**
   * @param authorization the Authorization header, or null
   * @param accessToken the {@code access_token} query parameter, or null
   * @param headers the handshake's headers by name (a value, or null)
   */
  Decision admit(String authorization, String accessToken, Function<String, String> headers);
}
