package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' telemetry switches on a real server process: ARAGORA_ENABLE_TELEMETRY=false takes
 * /metrics away, and ARAGORA_MEMORY_PROFILING=true puts a memory report in the log from the start.
 */
class ServeTelemetrySwitchesProcessTest {
  @TempDir
  Path dataDir;

  @Test
  void metricsCanBeTurnedOffAndMemoryProfilingOn() throws Exception {
    try (ServerProcess server = ServerProcess.start(Map.of("ARAGORA_DATA_DIR", dataDir.toString(),
        "ARAGORA_ENABLE_TELEMETRY", "false", "ARAGORA_MEMORY_PROFILING", "true"))) {
      ApiClient api = new ApiClient(server.port());
      var metrics = api.raw("/metrics");
      assertThat(metrics.statusCode()).isEqualTo(404);
      assertThat(metrics.body()).doesNotContain("aragora_");
      assertThat(api.raw("/healthz").statusCode()).isEqualTo(200);
      Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> server.log().stream().anyMatch(line -> line.contains("memory: heap")));
      String report = server.log().stream().filter(line -> line.contains("memory: heap")).findFirst().orElseThrow();
      assertThat(report).containsPattern("heap \\d+ MB used of \\d+ MB committed")
          .containsPattern("resident set \\d+ MB").contains("threads").contains("collections");
    }
  }

  @Test
  void byDefaultMetricsAreServedAndNoMemoryReportIsLogged() throws Exception {
    try (ServerProcess server = ServerProcess.start(Map.of("ARAGORA_DATA_DIR", dataDir.toString()))) {
      ApiClient api = new ApiClient(server.port());
      var metrics = api.raw("/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("aragora_debates_active");
      assertThat(server.log()).noneMatch(line -> line.contains("memory: heap"));
    }
  }
}
