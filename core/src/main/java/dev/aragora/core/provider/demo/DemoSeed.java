package dev.aragora.core.provider.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/** Stable seeds: the first 64 bits of SHA-256 over the parts, each followed by a NUL separator. */
final class DemoSeed {
  private DemoSeed() {}

  static long of(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return ByteBuffer.wrap(sha.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  static SplittableRandom random(String... parts) {
    return new SplittableRandom(of(parts));
  }
}
