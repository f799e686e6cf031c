package dev.aragora.server.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes with PBKDF2-HMAC-SHA256 from the JDK (no dependency), a 16-byte random salt per
 * password and {@value #ITERATIONS} iterations (OWASP's 2023 figure for this function). Encoded as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64), so the count can be raised later and
 * old hashes still verify.
 */
public final class PasswordHasher {
  public static final int ITERATIONS = 210_000;
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  /**
   * Verified instead of a real hash when the email is unknown, so that an unknown email costs the
   * same time as a wrong password (the answer must not tell which emails have accounts).
   */
  static final String DUMMY = SCHEME + "$" + ITERATIONS + "$AAAAAAAAAAAAAAAAAAAAAA==$"
      + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  private final SecureRandom random;
  private final int iterations;

  public PasswordHasher(SecureRandom random) {
    this(random, ITERATIONS);
  }

  PasswordHasher(SecureRandom random, int iterations) {
    this.random = random;
    this.iterations = iterations;
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  /** Whether {@code password} matches {@code encoded}; false for a malformed hash. Compares in constant time. */
  public boolean verify(String password, String encoded) {
    String[] parts = encoded.split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) return false;
    try {
      int n = Integer.parseInt(parts[1]);
      if (n < 1 || n > 10_000_000) return false;
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(derive(password, salt, n), expected);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Burns the time of one verification (for unknown emails). */
  public void verifyDummy(String password) {
    verify(password, DUMMY);
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is missing from this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
