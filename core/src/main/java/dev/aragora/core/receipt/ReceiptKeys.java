package dev.aragora.core.receipt;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Where the receipt signing key comes from: {@value #ENV_KEY} (a base64 PKCS#8 Ed25519 private
 * key) when set, else the file {@value #KEY_FILE} in the data directory, created on first use
 * with owner-only permissions and reused ever after. The private key is never logged or printed.
 */
public final class ReceiptKeys {
  public static final String ENV_KEY = "ARAGORA_RECEIPT_SIGNING_KEY";
  public static final String KEY_FILE = "receipt-signing-key";
  private static final int SEED_BYTES = 32;

  private ReceiptKeys() {}

  /** A new random key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is missing from this JDK", e);
    }
  }

  /**
   * The signing key: from {@code env} when it has {@value #ENV_KEY}, else from (or newly into)
   * {@code dataDir}/{@value #KEY_FILE}.
   *
   * @throws IllegalArgumentException when the configured key is not a base64 PKCS#8 Ed25519 key
   * @throws IOException when the key file cannot be read or created
   */
  public static KeyPair load(Map<String, String> env, Path dataDir) throws IOException {
    requireNonNull(env, "env is null");
    String configured = env.getOrDefault(ENV_KEY, "").strip();
    if (!configured.isEmpty()) return fromPrivateKey(configured, ENV_KEY);
    return loadOrCreate(requireNonNull(dataDir, "dataDir is null"));
  }

  /** The key pair in {@code dir}/{@value #KEY_FILE}, generated and written there when absent. */
  public static KeyPair loadOrCreate(Path dir) throws IOException {
    Path file = dir.resolve(KEY_FILE);
    if (Files.exists(file)) return read(file);
    Files.createDirectories(dir);
    KeyPair pair = generate();
    Path temp = Files.createTempFile(dir, KEY_FILE, ".tmp", ownerOnly(dir));
    try {
      Files.writeString(temp, encodePrivate(pair.getPrivate()) + "\n", StandardCharsets.US_ASCII);
      Files.move(temp, file); // fails if another process created the key meanwhile: then use theirs
      return pair;
    } catch (FileAlreadyExistsException e) {
      return read(file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The private key as base64 PKCS#8: what {@value #ENV_KEY} holds. */
  public static String encodePrivate(PrivateKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /**
   * The key pair of a base64 PKCS#8 Ed25519 private key.
   *
   * @param source names where the key came from, for the error message (never the key itself)
   */
  public static KeyPair fromPrivateKey(String base64Pkcs8, String source) {
    try {
      byte[] der = Base64.getDecoder().decode(base64Pkcs8.strip());
      PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
      byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow();
      return fromSeed(seed);
    } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException(source + " is not a base64 PKCS#8 Ed25519 private key", e);
    }
  }

  private static KeyPair read(Path file) throws IOException {
    return fromPrivateKey(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
  }

  /**
   * The JDK has no API that derives an Ed25519 public key from a private one, but its generator
   * takes the 32-byte private seed from the random source it is given; feeding it the seed
   * regenerates the same pair. The result is checked against the key we started from.
   */
  private static KeyPair fromSeed(byte[] seed) throws GeneralSecurityException {
    if (seed.length != SEED_BYTES) throw new GeneralSecurityException("Ed25519 seed must be 32 bytes");
    SecureRandom replay = new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        if (bytes.length != SEED_BYTES) throw new IllegalStateException("unexpected request for " + bytes.length + " bytes");
        System.arraycopy(seed, 0, bytes, 0, SEED_BYTES);
      }
    };
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    generator.initialize(NamedParameterSpec.ED25519, replay);
    KeyPair pair = generator.generateKeyPair();
    if (!Arrays.equals(((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow(), seed))
      throw new GeneralSecurityException("could not derive the public key");
    return pair;
  }

  private static FileAttribute<?>[] ownerOnly(Path dir) {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) return new FileAttribute<?>[0];
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
  }
}
