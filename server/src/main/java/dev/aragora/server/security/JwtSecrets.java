package dev.aragora.server.security;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.config.AuthConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The HS256 secrets: ARAGORA_JWT_SECRET (signs and verifies) and ARAGORA_JWT_SECRET_PREVIOUS (only
 * verifies, during a rotation). Without ARAGORA_JWT_SECRET (never in production, see AuthConfig) the
 * secret is the file {@value #FILE} in the data directory, created on first start with owner-only
 * permissions like the receipt key. Values are never logged.
 *
 * @param generated the current secret came from the file (every instance must then share that file,
 *     or set ARAGORA_JWT_SECRET)
 */
public record JwtSecrets(byte[] current, Optional<byte[]> previous, boolean generated, Path file) {
  public static final String FILE = "jwt-secret";

  public JwtSecrets {
    requireNonNull(current, "current is null");
    requireNonNull(previous, "previous is null");
    if (current.length < AuthConfig.MIN_SECRET_CHARS) throw new IllegalArgumentException("the JWT secret is too short");
  }

  public static JwtSecrets load(AuthConfig config, Path dataDir) {
    Optional<byte[]> previous = config.previousJwtSecret().map(s -> s.getBytes(StandardCharsets.UTF_8));
    if (config.jwtSecret().isPresent())
      return new JwtSecrets(config.jwtSecret().get().getBytes(StandardCharsets.UTF_8), previous, false, null);
    Path file = dataDir.resolve(FILE);
    try {
      return new JwtSecrets(loadOrCreate(file), previous, true, file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the JWT secret " + file + ": " + e
          + " (or set ARAGORA_JWT_SECRET)", e);
    }
  }

  private static byte[] loadOrCreate(Path file) throws IOException {
    if (Files.exists(file)) return read(file);
    Path dir = file.getParent();
    Files.createDirectories(dir);
    byte[] random = new byte[48];
    new SecureRandom().nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path temp = Files.createTempFile(dir, FILE, ".tmp", ownerOnly(dir));
    try {
      Files.writeString(temp, secret + "\n", StandardCharsets.US_ASCII);
      Files.move(temp, file); // fails if another process created it meanwhile: then use theirs
      return secret.getBytes(StandardCharsets.US_ASCII);
    } catch (FileAlreadyExistsException e) {
      return read(file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static byte[] read(Path file) throws IOException {
    String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (secret.length() < AuthConfig.MIN_SECRET_CHARS)
      throw new IOException("the file holds fewer than " + AuthConfig.MIN_SECRET_CHARS + " characters");
    return secret.getBytes(StandardCharsets.US_ASCII);
  }

  private static FileAttribute<?>[] ownerOnly(Path dir) {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) return new FileAttribute<?>[0];
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
  }

  @Override
  public String toString() {
    return "JwtSecrets[previous=" + previous.isPresent() + ", generated=" + generated + "]";
  }
}
