package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.event.DebateStarted;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.PhaseStarted;
import dev.aragora.core.provider.http.Json;
import dev.aragora.core.testing.FakeVendorServer;
import dev.aragora.core.testing.Scripted;
import dev.aragora.core.testing.VendorBodies;
import dev.aragora.server.store.Database;
import dev.aragora.server.store.DatabaseSettings;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.store.EventLog;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.GatedVendor;
import dev.aragora.server.testing.MemorySpans;
import dev.aragora.server.testing.PrometheusText;
import dev.aragora.server.testing.TestAuth;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces as the standard OTEL_* variables configure them: one trace per debate whose root span
 * {@code debate} has a {@code chat {model}} child per LLM call attempt with the GenAI attributes,
 * and the same spans arriving over OTLP/HTTP at a collector.
 */
class ServeTracingApiTest {
  private static final String QUESTION = "Should the tracing backend be self-hosted?";

  @TempDir
  Path dataDir;

  private static AttributeKey<String> string(String key) {
    return AttributeKey.stringKey(key);
  }

  private static AttributeKey<Long> number(String key) {
    return AttributeKey.longKey(key);
  }

  @Test
  void eachDebateIsOneTraceWithASpanPerLlmCall() throws Exception {
    MemorySpans.EXPORTER.reset();
    try (FakeVendorServer vendor = FakeVendorServer.start()) {
      vendor.enqueue(Scripted.json(500, VendorBodies.openAiError("The server had an error", "server_error", null)));
      vendor.dispatcher(GatedVendor::debaterReply);
      Map<String, String> env = env(vendor);
      env.put("OTEL_TRACES_EXPORTER", "memory");
      env.put("OTEL_BSP_SCHEDULE_DELAY", "20");
      List<String> ids = new java.util.ArrayList<>();
      try (App app = TestAuth.start(env)) {
        ApiClient api = new ApiClient(app.port());
        for (int i = 0; i < 2; i++) ids.add(runDebate(api));
        await().atMost(Duration.ofSeconds(10)).until(() -> chatSpans().size() == vendor.requestCount()
            && rootSpans().size() == 2);
      }

      List<SpanData> roots = rootSpans();
      assertThat(roots).extracting(SpanData::getName).containsOnly("debate");
      assertThat(roots).extracting(s -> s.getAttributes().get(string("aragora.debate.id")))
          .containsExactlyInAnyOrderElementsOf(ids);
      assertThat(roots).extracting(SpanData::getTraceId).doesNotHaveDuplicates();
      for (SpanData root : roots) {
        assertThat(root.getAttributes().get(string("aragora.debate.consensus_mode"))).isEqualTo("majority");
        assertThat(root.getAttributes().get(number("aragora.debate.rounds"))).isEqualTo(1);
        assertThat(root.getAttributes().get(number("aragora.debate.agent_count"))).isEqualTo(2);
        assertThat(root.getAttributes().get(AttributeKey.booleanKey("aragora.debate.resumed"))).isFalse();
        assertThat(root.getAttributes().get(string("aragora.debate.status"))).isIn("consensus_reached", "completed");
        assertThat(root.getResource().getAttribute(string("service.name"))).isEqualTo("aragora");
      }

      // Every request the vendor got is one span, the child of its own debate's root span.
      List<SpanData> chats = chatSpans();
      assertThat(chats).hasSize(vendor.requestCount());
      Map<String, SpanData> rootByTrace = roots.stream().collect(Collectors.toMap(SpanData::getTraceId, s -> s));
      assertThat(chats).allSatisfy(chat -> {
        SpanData root = rootByTrace.get(chat.getTraceId());
        assertThat(root).as("the root of %s", chat).isNotNull();
        assertThat(chat.getParentSpanId()).isEqualTo(root.getSpanId());
        assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
        String model = chat.getAttributes().get(string("gen_ai.request.model"));
        assertThat(model).isIn("gpt-4o", "gpt-4o-mini");
        assertThat(chat.getName()).isEqualTo("chat " + model);
        assertThat(chat.getAttributes().get(string("gen_ai.operation.name"))).isEqualTo("chat");
        assertThat(chat.getAttributes().get(string("gen_ai.provider.name"))).isEqualTo("openai");
        assertThat(chat.getAttributes().get(string("gen_ai.system"))).isEqualTo("openai");
        assertThat(chat.getStartEpochNanos()).isBetween(root.getStartEpochNanos(), root.getEndEpochNanos());
      });
      // Both debates' calls are there, in their own traces.
      assertThat(chats.stream().map(SpanData::getTraceId).distinct()).hasSize(2);

      List<SpanData> failed = chats.stream().filter(s -> s.getStatus().getStatusCode() == StatusCode.ERROR).toList();
      assertThat(failed).singleElement().satisfies(span -> {
        assertThat(span.getAttributes().get(string("error.type"))).isEqualTo("server_error");
        assertThat(span.getAttributes().get(number("http.response.status_code"))).isEqualTo(500);
        assertThat(span.getAttributes().get(string("gen_ai.response.model"))).isNull();
      });
      assertThat(chats).filteredOn(s -> s.getStatus().getStatusCode() != StatusCode.ERROR).isNotEmpty()
          .allSatisfy(span -> {
            assertThat(span.getAttributes().get(string("gen_ai.response.model"))).isEqualTo(VendorBodies.OPENAI_MODEL);
            assertThat(span.getAttributes().get(number("gen_ai.usage.input_tokens"))).isEqualTo(120);
            assertThat(span.getAttributes().get(number("gen_ai.usage.output_tokens"))).isEqualTo(40);
            assertThat(span.getAttributes().get(string("error.type"))).isNull();
          });

      // The question, prompts and replies stay out of traces.
      assertThat(MemorySpans.EXPORTER.getFinishedSpanItems()).allSatisfy(span -> assertThat(span.getAttributes()
          .asMap().values()).noneMatch(v -> String.valueOf(v).contains("self-hosted")
              || String.valueOf(v).contains("PostgreSQL")));
    }
  }

  @Test
  void spansReachAnOtlpHttpCollectorAtTheConfiguredEndpoint() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
          + exchange.getRequestHeaders().getFirst("Content-Type") + " "
          + new String(body, StandardCharsets.ISO_8859_1));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    collector.start();
    try {
      Map<String, String> env = new HashMap<>(Map.of("ARAGORA_DATA_DIR", dataDir.toString(),
          "ARAGORA_SIMILARITY_BACKEND", "tfidf",
          "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
          "OTEL_SERVICE_NAME", "aragora-test",
          "OTEL_BSP_SCHEDULE_DELAY", "20"));
      try (App app = TestAuth.start(env)) {
        ApiClient api = new ApiClient(app.port());
        ApiClient.Reply created = api.post("/api/v2/debates",
            "{\"task\":\"" + QUESTION + "\",\"agents\":\"demo:skeptic,demo:optimist\",\"rounds\":1}");
        String id = created.body().get("id").asText();
        api.await("/api/v2/debates/" + id, d -> !List.of("queued", "running").contains(d.get("status").asText()),
            Duration.ofSeconds(30));
      }
      // Closing the server exported what was pending: protobuf on POST /v1/traces (http/protobuf).
      assertThat(received).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("POST /v1/traces application/x-protobuf"));
      String all = String.join("\n", received);
      assertThat(all).contains("aragora-test", "debate", "chat ", "gen_ai.request.model", "gen_ai.usage.output_tokens",
          "aragora.debate.status");
      assertThat(all).doesNotContain(QUESTION);
    } finally {
      collector.stop(0);
    }
  }

  @Test
  void aResumedDebateIsANewTraceMarkedResumedAndIsNotBilledAsStartedAgain() throws Exception {
    MemorySpans.EXPORTER.reset();
    Map<String, String> env = new HashMap<>(Map.of("ARAGORA_DATA_DIR", dataDir.toString(),
        "ARAGORA_SIMILARITY_BACKEND", "tfidf", "OTEL_TRACES_EXPORTER", "memory", "OTEL_BSP_SCHEDULE_DELAY", "20"));
    DebateRequest request = DebateRequest.of(QUESTION, AgentSpec.parseList("demo:skeptic,demo:optimist")).withRounds(1);
    // A debate the last process left running after its proposal phase had begun.
    try (Database database = Database.open(DatabaseSettings.fromEnv(env))) {
      DebateRepository debates = new DebateRepository(database, Json.mapper(), InstantSource.system());
      EventLog log = new EventLog(database, Json.mapper());
      debates.create("default", "d-resumed", request, Map.of());
      debates.updateStatus("d-resumed", Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING);
      log.append(new EventEnvelope("d-resumed", 1, Instant.now(), 0, "",
          new DebateStarted(QUESTION, List.of("demo:skeptic", "demo:optimist"), 1, "majority", "all-to-all")));
      log.append(new EventEnvelope("d-resumed", 2, Instant.now(), 0, "", new PhaseStarted("proposal")));
    }

    try (App app = TestAuth.start(env)) {
      ApiClient api = new ApiClient(app.port());
      JsonNode done = api.await("/api/v2/debates/d-resumed",
          d -> !List.of("queued", "running").contains(d.get("status").asText()), Duration.ofSeconds(30));
      assertThat(done.get("status").asText()).isIn("consensus_reached", "completed");
      await().atMost(Duration.ofSeconds(10)).until(() -> rootSpans().size() == 1);
      PrometheusText metrics = PrometheusText.parse(api.raw("/metrics").body());
      assertThat(metrics.all("aragora_billing_events_total", Map.of("type", "debate_started"))).isEmpty();
      assertThat(metrics.one("aragora_billing_events_total", Map.of("type", "debate_finished")).value()).isEqualTo(1);
    }
    assertThat(rootSpans()).singleElement().satisfies(root -> {
      assertThat(root.getAttributes().get(AttributeKey.booleanKey("aragora.debate.resumed"))).isTrue();
      assertThat(root.getAttributes().get(string("aragora.debate.id"))).isEqualTo("d-resumed");
    });
    assertThat(chatSpans()).isNotEmpty()
        .allSatisfy(chat -> assertThat(chat.getTraceId()).isEqualTo(rootSpans().get(0).getTraceId()));
  }

  private Map<String, String> env(FakeVendorServer vendor) {
    Map<String, String> env = new HashMap<>();
    env.put("ARAGORA_DATA_DIR", dataDir.toString());
    env.put("ARAGORA_SIMILARITY_BACKEND", "tfidf");
    env.put("OPENAI_API_KEY", "sk-test-tracing");
    env.put("OPENAI_BASE_URL", vendor.baseUrl() + "/v1");
    return env;
  }

  private static String runDebate(ApiClient api) {
    ApiClient.Reply created = api.post("/api/v2/debates", "{\"task\":\"" + QUESTION + "\",\"agents\":\""
        + GatedVendor.AGENTS + "\",\"rounds\":1}");
    assertThat(created.status()).isEqualTo(202);
    String id = created.body().get("id").asText();
    api.await("/api/v2/debates/" + id, d -> !List.of("queued", "running").contains(d.get("status").asText()),
        Duration.ofSeconds(30));
    return id;
  }

  private static List<SpanData> rootSpans() {
    return MemorySpans.EXPORTER.getFinishedSpanItems().stream().filter(s -> !s.getParentSpanContext().isValid()).toList();
  }

  private static List<SpanData> chatSpans() {
    return MemorySpans.EXPORTER.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("chat ")).toList();
  }
}
