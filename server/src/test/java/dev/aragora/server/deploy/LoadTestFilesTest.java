package dev.aragora.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * loadtest/: the locustfile states seeds/002's SLOs and compiles, and the scripts that run it by
 * hand keep their bounds. {@link LoadTestRunTest} runs it in the suite.
 */
class LoadTestFilesTest {
  @Test
  void locustfileAssertsTheSeedSlosAtTenTimesTheSeedsUsers() {
    String locust = DeployFiles.read("loadtest/locustfile.py");
    assertThat(locust).contains("SLO_MS = {0.50: 200, 0.95: 500, 0.99: 2000}").contains("MAX_ERROR_RATIO = 0.01")
        .contains("MIN_RPS = 50").contains("process_exit_code = 1").contains("loopback only");
    assertThat(DeployFiles.read("loadtest/run-locust.sh")).contains("USERS=\"${1:-1000}\"").contains("--headless")
        .contains("--run-time").contains("127.0.0.1");
    assertThat(DeployFiles.read("loadtest/wrk/static.lua")).contains("/healthz").contains("/api/health");
  }

  @Test
  void locustfileIsValidPython() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
    Process p = new ProcessBuilder(python.toString(), "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())",
        DeployFiles.file("loadtest/locustfile.py").toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
