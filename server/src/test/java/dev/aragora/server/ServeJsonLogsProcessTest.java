package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.testing.FakeVendorServer;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.GatedVendor;
import dev.aragora.server.testing.ServerProcess;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HexFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aragora serve} with ARAGORA_ENV=production and traces sent to a collector, as its own
 * process: stderr is one JSON object a line from start to stop, a debate's log lines carry the
 * trace and span ids of its exported trace, and no API key in the environment ever appears.
 */
class ServeJsonLogsProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OPENAI_KEY = "sk-proj-SECRETopenai0123456789";
  private static final String ANTHROPIC_KEY = "sk-ant-SECRETanthropic0123456789";

  @TempDir
  Path dataDir;

  @Test
  void productionLogsAreJsonLinesWithTraceIdsAndNoSecrets() throws Exception {
    List<String> lines;
    String id;
    // A collector for the traces, so that the logs' trace ids can be found among the exported spans.
    ByteArrayOutputStream exported = new ByteArrayOutputStream();
    HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext("/v1/traces", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      synchronized (exported) {
        exported.writeBytes(body);
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    collector.start();
    try (FakeVendorServer vendor = FakeVendorServer.start()) {
      vendor.dispatcher(GatedVendor::debaterReply);
      try (ServerProcess server = ServerProcess.start(Map.of(
          "ARAGORA_ENV", "production",
          "ARAGORA_DATA_DIR", dataDir.toString(),
          "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
          "OPENAI_API_KEY", OPENAI_KEY,
          "OPENAI_BASE_URL", vendor.baseUrl() + "/v1",
          "ANTHROPIC_API_KEY", ANTHROPIC_KEY))) {
        ApiClient api = new ApiClient(server.port());
        ApiClient.Reply created = api.post("/api/v2/debates", "{\"task\":\"Which queue should we run?\",\"agents\":\""
            + GatedVendor.AGENTS + "\",\"rounds\":1}");
        assertThat(created.status()).isEqualTo(202);
        id = created.body().get("id").asText();
        api.await("/api/v2/debates/" + id, d -> !List.of("queued", "running").contains(d.get("status").asText()),
            Duration.ofSeconds(30));
        // The "ended" line follows the stored result by moments: stop only once it is written.
        String ended = "debate " + id + " ended";
        await().atMost(Duration.ofSeconds(10)).until(() -> server.log().stream().anyMatch(l -> l.contains(ended)));
        assertThat(server.stop(30)).isTrue();
        lines = List.copyOf(server.log());
      }
    } finally {
      collector.stop(0);
    }

    List<JsonNode> records = new ArrayList<>();
    for (String line : lines) {
      assertThat(line).doesNotContain(OPENAI_KEY, ANTHROPIC_KEY, "SECRET");
      // The JVM's own warnings (native access on the class path, which the jar's manifest allows) are not log records.
      if (line.startsWith("WARNING: ") || line.isBlank()) continue;
      JsonNode record;
      try {
        record = JSON.readTree(line);
      } catch (Exception e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
      assertThat(record.isObject()).as(line).isTrue();
      assertThat(record.fieldNames()).toIterable().as(line).contains("timestamp", "level", "logger", "thread", "message");
      records.add(record);
    }
    assertThat(records).anySatisfy(r -> assertThat(r.get("message").asText()).startsWith("aragora: listening on port"));

    List<JsonNode> debate = records.stream().filter(r -> id.equals(r.path("debate_id").asText())).toList();
    assertThat(debate).extracting(r -> r.get("message").asText())
        .anySatisfy(m -> assertThat(m).startsWith("debate " + id + " starts"))
        .anySatisfy(m -> assertThat(m).startsWith("debate " + id + " ended"));
    assertThat(debate).allSatisfy(r -> {
      assertThat(r.path("trace_id").asText()).matches("[0-9a-f]{32}");
      assertThat(r.path("span_id").asText()).matches("[0-9a-f]{16}");
    });
    assertThat(debate.stream().map(r -> r.get("trace_id").asText()).distinct()).singleElement().satisfies(trace -> {
      // OTLP carries the id as its 16 bytes; the server exported its spans when it stopped.
      byte[] id16 = HexFormat.of().parseHex(trace);
      byte[] all;
      synchronized (exported) {
        all = exported.toByteArray();
      }
      assertThat(indexOf(all, id16)).as("trace %s among the exported spans", trace).isNotNegative();
    });
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
