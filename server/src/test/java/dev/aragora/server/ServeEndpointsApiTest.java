package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.TestAuth;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages, exports, agents, the OpenAPI document and its UI, and /metrics, over real HTTP. */
class ServeEndpointsApiTest {
  private static final String TEAM = "[\"demo:skeptic\",\"demo:optimist\",\"demo:economist\"]";

  @TempDir
  static Path dataDir;
  private static App app;
  private static ApiClient api;
  private static String finished;

  @BeforeAll
  static void start() {
    Map<String, String> env = Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf",
        "ANTHROPIC_API_KEY", "sk-ant-never-shown");
    app = TestAuth.start(env);
    api = new ApiClient(app.port());
    finished = api.post("/api/v2/debates", "{\"task\":\"Adopt | microservices?\",\"agents\":" + TEAM + ",\"rounds\":2}")
        .body().get("id").asText();
    api.await("/api/v2/debates/" + finished, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  @Test
  void messagesListProposalsThenRevisionsInOrderAndPage() {
    JsonNode all = api.get("/api/v2/debates/" + finished + "/messages").body().get("messages");
    assertThat(all).hasSizeGreaterThanOrEqualTo(6);
    assertThat(all.get(0).get("role").asText()).isEqualTo("proposal");
    assertThat(all.get(0).get("provider").asText()).isEqualTo("demo");
    assertThat(all.get(0).get("content").asText()).isNotBlank();
    long previous = 0;
    for (JsonNode m : all) {
      assertThat(m.get("seq").asLong()).isGreaterThan(previous);
      previous = m.get("seq").asLong();
    }
    JsonNode page = api.get("/api/v2/debates/" + finished + "/messages?limit=2").body();
    assertThat(page.get("messages")).hasSize(2);
    long next = page.get("next_since").asLong();
    JsonNode rest = api.get("/api/v2/debates/" + finished + "/messages?since=" + next).body().get("messages");
    assertThat(rest).hasSize(all.size() - 2);
    assertThat(api.get("/api/v1/debates/" + finished + "/messages").body().get("messages")).hasSize(all.size());
    assertThat(api.get("/api/v2/debates/deb_nope/messages").status()).isEqualTo(404);
  }

  @Test
  void exportsAFinishedDebateAsJsonAndMarkdown() {
    ApiClient.Reply json = api.get("/api/v2/debates/" + finished + "/export/json");
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + finished + ".json\"");
    assertThat(json.body().get("result").get("final_answer").asText()).isNotBlank();
    assertThat(json.body().get("request").get("rounds").asInt()).isEqualTo(2);

    HttpResponse<String> md = api.raw("/api/v2/debates/" + finished + "/export/md");
    assertThat(md.statusCode()).isEqualTo(200);
    assertThat(md.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/markdown"));
    String report = md.body();
    assertThat(report).startsWith("# Adopt | microservices?\n");
    assertThat(report).contains("## Decision", "## Votes", "| Agent | Choice | Confidence | Reasoning |", "## Transcript",
        "### Proposals", "### Round 1", "**Demo output**");
    assertThat(report).contains(json.body().get("result").get("final_answer").asText().lines().findFirst().orElseThrow());
  }

  @Test
  void anUnfinishedOrUnknownDebateIsNotExported() {
    String id = api.post("/api/v2/debates", "{\"task\":\"Quick?\",\"agents\":" + TEAM + ",\"rounds\":1}").body()
        .get("id").asText();
    ApiClient.Reply early = api.get("/api/v2/debates/" + id + "/export/json");
    if (early.status() != 200) {
      assertThat(early.status()).isEqualTo(409);
      assertThat(early.body().at("/error/code").asText()).isEqualTo("not_finished");
    }
    assertThat(api.get("/api/v2/debates/deb_nope/export/md").status()).isEqualTo(404);
    api.await("/api/v2/debates/" + id, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(20));
  }

  @Test
  void agentsShowWhichKeysAreSetWithoutShowingThem() {
    ApiClient.Reply reply = api.get("/api/v2/agents");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.raw().body()).doesNotContain("sk-ant-never-shown");
    Map<String, JsonNode> byType = new java.util.HashMap<>();
    reply.body().get("agents").forEach(a -> byType.put(a.get("type").asText(), a));
    assertThat(byType.get("anthropic-api").get("key_set").asBoolean()).isTrue();
    assertThat(byType.get("anthropic-api").get("key_variable").asText()).isEqualTo("ANTHROPIC_API_KEY");
    assertThat(byType.get("openai-api").get("key_set").asBoolean()).isFalse();
    assertThat(byType.get("openai-api").get("ready").asBoolean()).isFalse();
    assertThat(byType.get("demo").get("ready").asBoolean()).isTrue();
    assertThat(byType.get("demo").get("key_set").isNull()).isTrue();
    assertThat(reply.body().get("demo_personas")).extracting(JsonNode::asText).contains("skeptic", "optimist");
    assertThat(api.get("/api/agents").body().get("agents")).hasSameSizeAs(reply.body().get("agents"));
  }

  @Test
  void theOpenApiDocumentIsValidAndDescribesEveryRoute() {
    HttpResponse<String> doc = api.raw("/api/v2/openapi.yaml");
    assertThat(doc.statusCode()).isEqualTo(200);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(doc.body());
    assertThat(parsed.getMessages()).isEmpty();
    Set<String> documented = new java.util.HashSet<>();
    parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap()
        .forEach((method, op) -> documented.add(method.name() + " " + path)));

    List<String> missing = new ArrayList<>();
    for (String route : app.routes()) {
      String[] parts = route.split(" ", 2);
      String path = parts[1];
      // /api/v1 and /api share v2's handlers, and the document says so; the docs pages document nothing.
      if (path.startsWith("/api/v1/") || (path.startsWith("/api/") && !path.startsWith("/api/v2/"))) continue;
      if (Set.of("/", "/docs", "/api/v2/docs", "/openapi.yaml", "/api/v2/openapi.yaml", "/readyz", "/ready", "/api/health")
          .contains(path)) continue;
      if (!documented.contains(parts[0] + " " + path)) missing.add(route);
    }
    assertThat(missing).as("routes missing from openapi.yaml").isEmpty();

    // Each operation names the permission it needs, the same as the server enforces (with
    // ARAGORA_METRICS_TOKEN set, so that /metrics says metrics:read; without it /metrics is public).
    dev.aragora.server.security.RouteAccess enforcedTable = new dev.aragora.server.security.RouteAccess(true);
    List<String> disagree = new ArrayList<>();
    parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
      Object stated = op.getExtensions() == null ? null : op.getExtensions().get("x-permission");
      String enforced = enforcedTable.of(method.name(), path).map(a -> a.toString().split(" ")[0]).orElse("UNDECLARED");
      if (!enforced.equals(stated)) disagree.add(method + " " + path + ": documented " + stated + ", enforced " + enforced);
    }));
    assertThat(disagree).isEmpty();
  }

  @Test
  void theDocsPageLoadsSwaggerUiFromTheJar() {
    HttpResponse<String> page = api.raw("/docs");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/api/v2/openapi.yaml");
    String script = page.body().replaceAll("(?s).*<script src=\"([^\"]+)\".*", "$1");
    HttpResponse<String> bundle = api.raw(script);
    assertThat(bundle.statusCode()).as(script).isEqualTo(200);
    assertThat(bundle.body()).contains("SwaggerUIBundle");
  }

  @Test
  void theHomePageSignsInThenStartsADebateAndFollowsItsEvents() {
    HttpResponse<String> page = api.raw("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("fetch(\"/api/v2/auth/login\"", "sessionStorage", "api(\"/api/v2/debates\"",
        "new EventSource(json.events_url + \"?access_token=\"", "\"Authorization\": \"Bearer \"", "demo:skeptic");
  }

  @Test
  void metricsAreInPrometheusFormat() {
    api.get("/api/v2/debates/" + finished);
    HttpResponse<String> metrics = api.raw("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics.body()).contains("# TYPE aragora_debates_active gauge", "aragora_websocket_connections",
        "aragora_debates_total{status=", "jvm_memory_used_bytes",
        "aragora_api_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v2/debates/{id}\",status=\"200\"");
    assertThat(metrics.body()).doesNotContain(finished);
  }

  @Test
  void healthReportsTheBuildVersion() {
    JsonNode health = api.get("/api/v2/health").body();
    assertThat(health.get("version").asText()).isNotBlank().isNotEqualTo("dev").doesNotContain("${");
  }
}
