package dev.aragora.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.server.testing.ServerProcess;
import dev.aragora.server.testing.TestAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * loadtest/locustfile.py, run by Debian's locust against a real server process on loopback: 1000
 * users (10x seeds/002's 100) for a bounded 30 s, passing only when the locustfile's own SLO check
 * (p50 < 200 ms, p95 < 500 ms, p99 < 2 s, errors < 1 %) does.
 */
class LoadTestRunTest {
  private static final int USERS = 1000;
  private static final Pattern SUMMARY = Pattern.compile("SLO: (\\d+) requests, .*");

  @TempDir
  Path dataDir;

  @Test
  void thousandUsersMeetTheSeedSlos() throws Exception {
    Path locust = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
        .map(dir -> Path.of(dir, "locust")).filter(Files::isExecutable).findFirst()
        .orElseThrow(() -> new AssertionError("locust is not installed: apt-get install python3-locust "
            + "(scripts/ensure-services.sh does)"));
    Path output = dataDir.resolve("locust.out");
    try (ServerProcess server = ServerProcess.start(Map.of("ARAGORA_DATA_DIR", dataDir.toString()))) {
      ProcessBuilder run = new ProcessBuilder(locust.toString(), "-f", DeployFiles.file("loadtest/locustfile.py").toString(),
          "--headless", "-u", String.valueOf(USERS), "-r", "200", "--run-time", "30s", "--stop-timeout", "5",
          "--host", server.baseUrl(), "--only-summary").redirectErrorStream(true).redirectOutput(output.toFile());
      run.environment().put("ARAGORA_API_TOKEN", TestAuth.API_TOKEN);
      Process process = run.start();
      boolean finished = process.waitFor(150, TimeUnit.SECONDS);
      if (!finished) process.destroyForcibly();
      String out = Files.readString(output);
      assertThat(finished).as("locust finished within 150 s; its output:\n" + out).isTrue();
      String summary = out.lines().filter(l -> l.contains("SLO: ")).findFirst().map(l -> l.substring(l.indexOf("SLO: ")))
          .orElse("no SLO summary");
      System.out.println("loadtest: " + USERS + " users, " + summary);
      assertThat(process.exitValue()).as("locust exit code; its output:\n" + out + "\nserver log tail:\n"
          + tail(server.log())).isZero();
      assertThat(out).contains("SLO passed").contains(USERS + " total users");
      Matcher m = SUMMARY.matcher(summary);
      assertThat(m.matches()).as(summary).isTrue();
      assertThat(Long.parseLong(m.group(1))).as("requests made").isGreaterThan(5_000);
    }
  }

  private static String tail(List<String> log) {
    return String.join("\n", log.subList(Math.max(0, log.size() - 20), log.size()));
  }
}
