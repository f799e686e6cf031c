package dev.aragora.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptKeysTest {
  @TempDir Path dataDir;

  @Test
  void generatesAKeyOnFirstUseAndReloadsTheSameKeyAfterwards() throws Exception {
    KeyPair first = ReceiptKeys.load(Map.of(), dataDir);
    KeyPair second = ReceiptKeys.load(Map.of(), dataDir);

    assertThat(second.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
    assertThat(second.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
    assertThat(new ReceiptSigner(second).keyId()).isEqualTo(new ReceiptSigner(first).keyId());
    try (var files = Files.list(dataDir)) {
      assertThat(files).containsExactly(dataDir.resolve(ReceiptKeys.KEY_FILE));
    }
  }

  @Test
  void theKeyFileIsReadableByItsOwnerOnly() throws Exception {
    ReceiptKeys.load(Map.of(), dataDir);
    Path file = dataDir.resolve(ReceiptKeys.KEY_FILE);

    if (file.getFileSystem().supportedFileAttributeViews().contains("posix"))
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
  }

  @Test
  void aKeyGivenInTheEnvironmentWinsAndNoFileIsWritten() throws Exception {
    KeyPair given = ReceiptKeys.generate();

    KeyPair loaded = ReceiptKeys.load(Map.of(ReceiptKeys.ENV_KEY, ReceiptKeys.encodePrivate(given.getPrivate())), dataDir);

    assertThat(loaded.getPublic().getEncoded()).isEqualTo(given.getPublic().getEncoded());
    assertThat(dataDir.resolve(ReceiptKeys.KEY_FILE)).doesNotExist();
  }

  @Test
  void aMalformedKeyIsRejectedWithoutEchoingIt() {
    String secret = "bm90LWEta2V5LXNlY3JldA==";

    assertThatThrownBy(() -> ReceiptKeys.load(Map.of(ReceiptKeys.ENV_KEY, secret), dataDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ReceiptKeys.ENV_KEY)
        .hasMessageNotContaining(secret);
  }

  @Test
  void theSignerNeverShowsItsPrivateKey() {
    KeyPair keys = ReceiptKeys.generate();
    ReceiptSigner signer = new ReceiptSigner(keys);

    assertThat(signer.toString()).contains(signer.keyId()).doesNotContain(ReceiptKeys.encodePrivate(keys.getPrivate()));
  }
}
