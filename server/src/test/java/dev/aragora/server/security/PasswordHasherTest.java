package dev.aragora.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

  @Test
  void aHashVerifiesItsPasswordOnlyAndNamesItsParameters() {
    String hash = hasher.hash("correct horse battery staple");
    assertThat(hash).startsWith("pbkdf2-sha256$210000$").doesNotContain("correct horse");
    assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
    assertThat(hasher.verify("correct horse battery stapl", hash)).isFalse();
    assertThat(hasher.verify("", hash)).isFalse();
  }

  @Test
  void eachPasswordGetsItsOwnSalt() {
    assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
  }

  @Test
  void theIterationCountIsReadFromTheHashSoOldHashesKeepVerifying() {
    String weaker = new PasswordHasher(new SecureRandom(), 1000).hash("pw-12345678");
    assertThat(weaker).startsWith("pbkdf2-sha256$1000$");
    assertThat(hasher.verify("pw-12345678", weaker)).isTrue();
  }

  @Test
  void malformedHashesNeverVerify() {
    for (String bad : new String[] {"", "plain", "pbkdf2-sha256$x$y$z", "md5$1$AA==$AA==", "pbkdf2-sha256$0$AA==$AA=="})
      assertThat(hasher.verify("pw", bad)).as(bad).isFalse();
    assertThat(hasher.verify("pw", PasswordHasher.DUMMY)).isFalse();
  }
}
