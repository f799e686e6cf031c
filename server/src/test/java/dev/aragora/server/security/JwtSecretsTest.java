package dev.aragora.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.server.config.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSecretsTest {
  @TempDir
  Path dir;

  @Test
  void withoutASecretOneIsGeneratedIntoAnOwnerOnlyFileAndReused() throws Exception {
    JwtSecrets first = JwtSecrets.load(AuthConfig.fromEnvironment(Map.of()), dir.resolve("data"));
    Path file = dir.resolve("data").resolve(JwtSecrets.FILE);
    assertThat(first.generated()).isTrue();
    assertThat(first.current().length).isGreaterThanOrEqualTo(64);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    JwtSecrets second = JwtSecrets.load(AuthConfig.fromEnvironment(Map.of()), dir.resolve("data"));
    assertThat(second.current()).isEqualTo(first.current());
    assertThat(first.toString()).doesNotContain(new String(first.current(), StandardCharsets.US_ASCII));
  }

  @Test
  void theConfiguredSecretWinsAndNoFileIsWritten() {
    String secret = "configured-secret-0123456789abcdef0123";
    JwtSecrets secrets = JwtSecrets.load(AuthConfig.fromEnvironment(Map.of("ARAGORA_JWT_SECRET", secret,
        "ARAGORA_JWT_SECRET_PREVIOUS", "previous-secret-0123456789abcdef01234")), dir);
    assertThat(secrets.generated()).isFalse();
    assertThat(new String(secrets.current(), StandardCharsets.UTF_8)).isEqualTo(secret);
    assertThat(secrets.previous()).isPresent();
    assertThat(dir.resolve(JwtSecrets.FILE)).doesNotExist();
  }
}
