package dev.aragora.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
  private static final String CURRENT = "current-secret-0123456789abcdef0123456789";
  private static final String PREVIOUS = "previous-secret-0123456789abcdef012345678";
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
  private final InstantSource clock = () -> now.get();

  private AccessTokens tokens(String current, String previous) {
    return new AccessTokens(new JwtSecrets(current.getBytes(StandardCharsets.UTF_8),
        Optional.ofNullable(previous).map(p -> p.getBytes(StandardCharsets.UTF_8)), false, null),
        Duration.ofMinutes(15), clock);
  }

  private String issue(AccessTokens tokens) {
    return tokens.issue("usr_1", "ada@example.com", Role.MEMBER, "default", false, "ses_1").token();
  }

  @Test
  void aTokenItIssuedVerifiesWithItsClaims() {
    AccessTokens tokens = tokens(CURRENT, null);
    AccessTokens.Issued issued = tokens.issue("usr_1", "ada@example.com", Role.MEMBER, "default", true, "ses_1");
    AccessTokens.Claims claims = tokens.verify(issued.token()).orElseThrow();
    assertThat(claims.subject()).isEqualTo("usr_1");
    assertThat(claims.email()).isEqualTo("ada@example.com");
    assertThat(claims.role()).isEqualTo(Role.MEMBER);
    assertThat(claims.tenantId()).isEqualTo("default");
    assertThat(claims.premium()).isTrue();
    assertThat(claims.sessionId()).isEqualTo("ses_1");
    assertThat(claims.tokenId()).isEqualTo(issued.tokenId());
    assertThat(claims.expiresAt()).isEqualTo(now.get().plus(Duration.ofMinutes(15)));
    String header = new String(Base64.getUrlDecoder().decode(issued.token().split("\\.")[0]), StandardCharsets.UTF_8);
    assertThat(header).contains("\"alg\":\"HS256\"", "\"typ\":\"at+jwt\"");
  }

  @Test
  void anExpiredTokenIsRefused() {
    AccessTokens tokens = tokens(CURRENT, null);
    String token = issue(tokens);
    now.set(now.get().plus(Duration.ofMinutes(15)).minusSeconds(1));
    assertThat(tokens.verify(token)).isPresent();
    now.set(now.get().plusSeconds(1));
    assertThat(tokens.verify(token)).isEmpty();
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefused() {
    String token = issue(tokens("someone-else-secret-0123456789abcdef01234", null));
    assertThat(tokens(CURRENT, null).verify(token)).isEmpty();
  }

  @Test
  void aTamperedPayloadIsRefused() {
    AccessTokens tokens = tokens(CURRENT, null);
    String[] parts = issue(tokens).split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("member", "admin");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "." + parts[2];
    assertThat(tokens.verify(forged)).isEmpty();
  }

  @Test
  void algNoneIsRefused() {
    PlainJWT unsigned = new PlainJWT(claims().build());
    assertThat(tokens(CURRENT, null).verify(unsigned.serialize())).isEmpty();
    // The same with the header hand-written and an empty signature.
    String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
    String body = unsigned.serialize().split("\\.")[1];
    assertThat(tokens(CURRENT, null).verify(header + "." + body + ".")).isEmpty();
  }

  @Test
  void otherAlgorithmsAreRefusedEvenWithTheRightSecret() throws Exception {
    AccessTokens tokens = tokens(CURRENT, null);
    for (JWSAlgorithm alg : new JWSAlgorithm[] {JWSAlgorithm.HS384, JWSAlgorithm.HS512}) {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(AccessTokens.TYPE).build(), claims().build());
      jwt.sign(new MACSigner((CURRENT + CURRENT).getBytes(StandardCharsets.UTF_8)));
      assertThat(tokens.verify(jwt.serialize())).as(alg.getName()).isEmpty();
    }
    SignedJWT rsa = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokens.TYPE).build(), claims().build());
    rsa.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
    assertThat(tokens.verify(rsa.serialize())).isEmpty();
  }

  @Test
  void aTokenOfAnotherTypeOrIssuerIsRefused() throws Exception {
    AccessTokens tokens = tokens(CURRENT, null);
    SignedJWT untyped = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims().build());
    untyped.sign(new MACSigner(CURRENT.getBytes(StandardCharsets.UTF_8)));
    assertThat(tokens.verify(untyped.serialize())).isEmpty();
    SignedJWT other = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(AccessTokens.TYPE).build(),
        claims().issuer("someone-else").build());
    other.sign(new MACSigner(CURRENT.getBytes(StandardCharsets.UTF_8)));
    assertThat(tokens.verify(other.serialize())).isEmpty();
    SignedJWT ok = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(),
        claims().build());
    ok.sign(new MACSigner(CURRENT.getBytes(StandardCharsets.UTF_8)));
    assertThat(tokens.verify(ok.serialize())).isPresent();
  }

  @Test
  void garbageIsRefused() {
    AccessTokens tokens = tokens(CURRENT, null);
    for (String bad : new String[] {"", "x", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..", "ara_notajwt"})
      assertThat(tokens.verify(bad)).as(bad).isEmpty();
  }

  @Test
  void duringARotationTokensOfThePreviousSecretStillVerifyAndNewOnesUseTheCurrent() {
    String old = issue(tokens(PREVIOUS, null));
    AccessTokens rotated = tokens(CURRENT, PREVIOUS);
    assertThat(rotated.verify(old)).isPresent();
    String fresh = issue(rotated);
    assertThat(tokens(CURRENT, null).verify(fresh)).as("signed with the current secret").isPresent();
    assertThat(tokens(PREVIOUS, null).verify(fresh)).isEmpty();
    // Once the previous secret is dropped, its tokens stop verifying.
    assertThat(tokens(CURRENT, null).verify(old)).isEmpty();
  }

  private JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder().issuer(AccessTokens.ISSUER).subject("usr_1").claim("role", "admin")
        .claim("tenant", "default").claim("sid", "ses_1").jwtID("j1").issueTime(Date.from(now.get()))
        .expirationTime(Date.from(now.get().plusSeconds(600)));
  }
}
