package dev.aragora.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random values and digests for tokens, keys and ids. */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** {@code bytes} random bytes as unpadded base64url. */
  static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  /** {@code prefix} and 16 random hex digits: ids that say what they name. */
  static String id(String prefix) {
    byte[] value = new byte[8];
    RANDOM.nextBytes(value);
    return prefix + HexFormat.of().formatHex(value);
  }

  static SecureRandom random() {
    return RANDOM;
  }

  /** Hex SHA-256 of the UTF-8 text. */
  static String sha256(String text) {
    return HexFormat.of().formatHex(digest(text));
  }

  /** Compares in time that does not depend on where the texts differ, nor on the expected length. */
  static boolean constantTimeEquals(String presented, String expected) {
    return MessageDigest.isEqual(digest(presented), digest(expected));
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
