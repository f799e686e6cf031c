package dev.aragora.server.security;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Access tokens: JWTs signed with HS256 (nimbus-jose-jwt). Verification accepts exactly HS256 with
 * type {@code at+jwt} from issuer {@value #ISSUER}, signed by the current or the previous secret and
 * not expired; {@code alg: none}, other algorithms (HS384, RS256 …) and anything malformed are refused.
 * Claims: sub (user id), email, role, tenant, premium, sid (the sign-in session), jti, iat, exp.
 */
public final class AccessTokens {
  public static final String ISSUER = "aragora";
  static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

  /** A verified token's contents. */
  public record Claims(String subject, String email, Role role, String tenantId, boolean premium, String sessionId,
                       String tokenId, Instant expiresAt) {}

  /** A new token and its id and expiry. */
  public record Issued(String token, String tokenId, Instant expiresAt) {}

  private final MACSigner signer;
  private final String keyId;
  private final List<MACVerifier> verifiers = new ArrayList<>();
  private final InstantSource clock;
  private final Duration ttl;

  public AccessTokens(JwtSecrets secrets, Duration ttl, InstantSource clock) {
    this.clock = requireNonNull(clock, "clock is null");
    this.ttl = requireNonNull(ttl, "ttl is null");
    try {
      this.signer = new MACSigner(secrets.current());
      verifiers.add(new MACVerifier(secrets.current()));
      if (secrets.previous().isPresent()) verifiers.add(new MACVerifier(secrets.previous().get()));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the JWT secret is not usable for HS256: " + e.getMessage(), e);
    }
    this.keyId = keyId(secrets.current());
  }

  public Duration ttl() {
    return ttl;
  }

  public Issued issue(String subject, String email, Role role, String tenantId, boolean premium, String sessionId) {
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    String jti = UUID.randomUUID().toString();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).claim("email", email)
        .claim("role", role.wire()).claim("tenant", tenantId).claim("premium", premium).claim("sid", sessionId)
        .jwtID(jti).issueTime(Date.from(now)).expirationTime(Date.from(expires)).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).keyID(keyId).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
    return new Issued(jwt.serialize(), jti, expires);
  }

  /** The claims of {@code token} when it is valid now; empty otherwise (the reason is not told). */
  public Optional<Claims> verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWSHeader header = jwt.getHeader();
      if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || !TYPE.equals(header.getType())) return Optional.empty();
      boolean signed = false;
      for (MACVerifier verifier : verifiers) {
        if (jwt.verify(verifier)) {
          signed = true;
          break;
        }
      }
      if (!signed) return Optional.empty();
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date exp = claims.getExpirationTime();
      if (exp == null || !exp.toInstant().isAfter(clock.instant())) return Optional.empty();
      if (!ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null || claims.getJWTID() == null)
        return Optional.empty();
      String sid = claims.getStringClaim("sid");
      String tenant = claims.getStringClaim("tenant");
      if (sid == null || tenant == null) return Optional.empty();
      Boolean premium = claims.getBooleanClaim("premium");
      String email = claims.getStringClaim("email");
      return Optional.of(new Claims(claims.getSubject(), email == null ? "" : email,
          Role.fromWire(claims.getStringClaim("role")), tenant, Boolean.TRUE.equals(premium), sid, claims.getJWTID(),
          exp.toInstant()));
    } catch (ParseException | JOSEException | IllegalArgumentException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** A short public id of a secret (SHA-256 prefix), so logs and headers can tell rotations apart. */
  static String keyId(byte[] secret) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(secret);
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
