package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.ServerProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `aragora serve` on an empty data directory creates the admin and prints its password once. */
class ServeBootstrapProcessTest {
  private static final Pattern PRINTED = Pattern.compile("created the admin account (\\S+) with the password (\\S+)");

  @TempDir
  Path dataDir;

  @Test
  void theFirstStartPrintsAGeneratedAdminPasswordOnceAndTheNextPrintsNothing() throws Exception {
    // No ARAGORA_ADMIN_PASSWORD and no ARAGORA_JWT_SECRET: both are generated.
    Map<String, String> env = Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_ADMIN_PASSWORD", "",
        "ARAGORA_JWT_SECRET", "");
    String password;
    try (ServerProcess first = ServerProcess.start(env)) {
      List<String> lines = first.log().stream().filter(l -> PRINTED.matcher(l).find()).toList();
      assertThat(lines).hasSize(1);
      Matcher m = PRINTED.matcher(lines.getFirst());
      assertThat(m.find()).isTrue();
      assertThat(m.group(1)).isEqualTo("admin@localhost");
      password = m.group(2);
      assertThat(password).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo("admin");
      assertThat(first.log().stream().filter(l -> l.contains(password))).as("printed once, never logged").hasSize(1);
      ApiClient.Reply login = ApiClient.anonymous(first.port()).post("/api/v2/auth/login",
          "{\"email\":\"admin@localhost\",\"password\":\"" + password + "\"}");
      assertThat(login.status()).isEqualTo(200);
      assertThat(first.stop(20)).isTrue();
    }
    assertThat(dataDir.resolve("jwt-secret")).exists();
    try (ServerProcess second = ServerProcess.start(env)) {
      assertThat(second.log()).noneMatch(l -> PRINTED.matcher(l).find() || l.contains(password));
      assertThat(ApiClient.anonymous(second.port()).post("/api/v2/auth/login",
          "{\"email\":\"admin@localhost\",\"password\":\"" + password + "\"}").status()).isEqualTo(200);
    }
  }
}
