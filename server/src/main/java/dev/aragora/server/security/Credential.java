package dev.aragora.server.security;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An authenticated request's credential: who (the {@link Principal}) and what was presented, for
 * logout (which needs the token's id and session) and audit. Never holds the secret itself.
 *
 * @param tokenId the access token's jti, or the API key's id; empty for the shared tokens
 * @param sessionId the sign-in session of an access token, else empty
 * @param expiresAt when the access token expires, else null
 */
public record Credential(Principal principal, Kind kind, String tokenId, String sessionId, Instant expiresAt) {
  public static final String ATTRIBUTE = "aragora.credential";

  public enum Kind { ACCESS_TOKEN, API_KEY, API_TOKEN, METRICS_TOKEN }

  public Credential {
    requireNonNull(principal, "principal is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(tokenId, "tokenId is null");
    requireNonNull(sessionId, "sessionId is null");
  }
}
