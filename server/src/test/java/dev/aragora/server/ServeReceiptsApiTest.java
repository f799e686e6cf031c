package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.receipt.Receipt;
import dev.aragora.core.receipt.ReceiptJson;
import dev.aragora.core.receipt.ReceiptKeys;
import dev.aragora.core.receipt.ReceiptSigner;
import dev.aragora.server.config.ServerConfig;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.GatedVendor;
import dev.aragora.server.testing.TestAuth;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decision receipts over real HTTP: issue, download, verify, tamper, trust, and the signing key's life. */
class ServeReceiptsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEAM = "[\"demo:skeptic\",\"demo:optimist\",\"demo:economist\"]";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  static Path dataDir;
  private static App app;
  private static ApiClient api;
  private static String finished;
  private static String receipt;

  @BeforeAll
  static void start() {
    app = start(Map.of("ARAGORA_DATA_DIR", dataDir.toString()));
    api = new ApiClient(app.port());
    finished = finishDebate(api, "Adopt signed receipts?");
    receipt = api.raw("/api/v2/debates/" + finished + "/receipt").body();
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  @Test
  void aFinishedDebateHasASignedReceiptThatVerifiesAsValidAndTrusted() throws Exception {
    HttpResponse<String> reply = api.raw("/api/v2/debates/" + finished + "/receipt");
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(reply.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"rcpt-" + finished + ".json\"");
    JsonNode body = JSON.readTree(reply.body());
    assertThat(body.get("question").asText()).isEqualTo("Adopt signed receipts?");
    assertThat(body.get("debate_id").asText()).isEqualTo(finished);
    assertThat(body.get("participants")).hasSize(3);
    assertThat(body.at("/participants/0/provider").asText()).isEqualTo("demo");
    assertThat(body.get("proposals").size()).isEqualTo(3);
    assertThat(body.get("votes")).isNotEmpty();
    assertThat(body.at("/costs/total_usd").isNumber()).isTrue();
    assertThat(body.at("/signature/algorithm").asText()).isEqualTo("Ed25519");
    assertThat(ReceiptJson.write(ReceiptJson.read(reply.body()))).as("served in canonical form").isEqualTo(reply.body());
    assertThat(api.raw("/api/v1/debates/" + finished + "/receipt").body()).as("issued once").isEqualTo(reply.body());

    JsonNode verdict = verify(reply.body());
    assertThat(verdict.get("valid").asBoolean()).isTrue();
    assertThat(verdict.get("reason").asText()).isEqualTo("ok");
    assertThat(verdict.get("key_id").asText()).isEqualTo(body.at("/signature/key_id").asText()).hasSize(16);
    assertThat(verdict.get("trusted").asBoolean()).isTrue();
    assertThat(verdict.get("key_id").asText()).isEqualTo(new ReceiptSigner(ReceiptKeys.loadOrCreate(dataDir)).keyId());
  }

  @Test
  void changingOneCharacterOfTheQuestionOrOneDigitOfTheCostMakesTheReceiptInvalid() throws Exception {
    int q = receipt.indexOf("\"question\":\"Adopt") + "\"question\":\"".length();
    String question = receipt.substring(0, q) + 'B' + receipt.substring(q + 1);
    int c = receipt.indexOf("\"total_usd\":") + "\"total_usd\":".length();
    char digit = receipt.charAt(c);
    assertThat(digit).isBetween('0', '9');
    String cost = receipt.substring(0, c) + (char) ('0' + (digit - '0' + 1) % 10) + receipt.substring(c + 1);

    for (String changed : new String[] {question, cost}) {
      assertThat(changed).isNotEqualTo(receipt).hasSameSizeAs(receipt);
      JsonNode verdict = verify(changed);
      assertThat(verdict.get("valid").asBoolean()).isFalse();
      assertThat(verdict.get("reason").asText()).isEqualTo("sha256 does not match the record: it was changed after signing");
      assertThat(verdict.get("trusted").asBoolean()).isFalse();
    }
  }

  @Test
  void aReceiptSignedByAnotherKeyIsValidButNotTrusted() throws Exception {
    ReceiptSigner other = new ReceiptSigner(ReceiptKeys.generate());
    String forged = ReceiptJson.write(other.sign(ReceiptJson.read(receipt).unsigned()));

    JsonNode verdict = verify(forged);

    assertThat(verdict.get("valid").asBoolean()).isTrue();
    assertThat(verdict.get("key_id").asText()).isEqualTo(other.keyId());
    assertThat(verdict.get("trusted").asBoolean()).isFalse();
  }

  @Test
  void aBodyThatIsNotAReceiptIsAnsweredInvalidWithTheReason() throws Exception {
    assertThat(verify("not json").get("reason").asText()).startsWith("not valid JSON");
    assertThat(verify("{}").get("reason").asText()).isEqualTo("signature is missing");
    assertThat(verify("").get("valid").asBoolean()).isFalse();
    ApiClient.Reply tooLarge = api.post("/api/v2/receipts/verify", "x".repeat((int) ServerConfig.MAX_BODY_BYTES + 1));
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.body().at("/error/code").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void theReceiptRendersAsMarkdown() {
    HttpResponse<String> md = api.raw("/api/v2/debates/" + finished + "/receipt/md");
    assertThat(md.statusCode()).isEqualTo(200);
    assertThat(md.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/markdown"));
    assertThat(md.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"rcpt-" + finished + ".md\"");
    assertThat(md.body()).contains("Adopt signed receipts?", "## Decision", "## Costs", "## Integrity",
        ReceiptJson.read(receipt).sha256());
    assertThat(api.raw("/api/v2/debates/" + finished + "/receipt?format=md").body()).isEqualTo(md.body());
    assertThat(api.get("/api/v2/debates/" + finished + "/receipt?format=pdf").status()).isEqualTo(400);
  }

  @Test
  void theJsonExportCarriesTheReceiptByteForByte() throws Exception {
    HttpResponse<String> export = api.raw("/api/v2/debates/" + finished + "/export/json");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.body()).contains("\"receipt\":" + receipt);
    assertThat(verify(JSON.readTree(export.body()).get("receipt").toString()).get("trusted").asBoolean()).isTrue();
  }

  @Test
  void anUnknownDebateHasNoReceipt() {
    ApiClient.Reply reply = api.get("/api/v2/debates/deb_nope/receipt");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body().at("/error/code").asText()).isEqualTo("not_found");
    assertThat(api.get("/api/v2/debates/deb_nope/receipt/md").status()).isEqualTo(404);
  }

  @Test
  void aDebateGetsItsReceiptOnlyOnceItHasEndedWithAResult(@TempDir Path dir) {
    try (GatedVendor vendor = new GatedVendor();
         App gated = start(vendor.env(Map.of("ARAGORA_DATA_DIR", dir.toString(), "ARAGORA_MAX_CONCURRENT_DEBATES", "1")))) {
      ApiClient client = new ApiClient(gated.port());
      String body = "{\"task\":\"Which database?\",\"agents\":\"" + GatedVendor.AGENTS + "\",\"rounds\":1}";
      String running = client.post("/api/v2/debates", body).body().get("id").asText();
      client.await("/api/v2/debates/" + running, d -> d.get("status").asText().equals("running"), WAIT);
      String queued = client.post("/api/v2/debates", body).body().get("id").asText();

      for (String id : new String[] {running, queued}) {
        ApiClient.Reply early = client.get("/api/v2/debates/" + id + "/receipt");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().at("/error/code").asText()).isEqualTo("not_finished");
      }
      assertThat(client.post("/api/v2/debates/" + queued + "/cancel", "").status()).isEqualTo(200);
      ApiClient.Reply none = client.get("/api/v2/debates/" + queued + "/receipt");
      assertThat(none.status()).as("cancelled before it ran: nothing to sign").isEqualTo(404);
      assertThat(none.body().at("/error/code").asText()).isEqualTo("no_receipt");

      vendor.open();
      client.await("/api/v2/debates/" + running, d -> !d.get("finished_at").isNull(), WAIT);
      HttpResponse<String> issued = client.raw("/api/v2/debates/" + running + "/receipt");
      assertThat(issued.statusCode()).isEqualTo(200);
      assertThat(issued.body()).contains("\"provider\":\"openai\"", "\"model\":\"gpt-4o-mini\"");
    }
  }

  @Test
  void theSigningKeyIsCreatedOnceInTheDataDirAndKeptAcrossRestarts(@TempDir Path dir) throws Exception {
    Map<String, String> env = Map.of("ARAGORA_DATA_DIR", dir.toString());
    String first;
    try (App one = start(env)) {
      ApiClient client = new ApiClient(one.port());
      first = client.raw("/api/v2/debates/" + finishDebate(client, "Keep the key?") + "/receipt").body();
    }
    Path keyFile = dir.resolve(ReceiptKeys.KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    String expectedKeyId = new ReceiptSigner(ReceiptKeys.loadOrCreate(dir)).keyId();
    assertThat(JSON.readTree(first).at("/signature/key_id").asText()).isEqualTo(expectedKeyId);

    try (App two = start(env)) {
      ApiClient client = new ApiClient(two.port());
      JsonNode verdict = JSON.readTree(client.post("/api/v2/receipts/verify", first).raw().body());
      assertThat(verdict.get("key_id").asText()).isEqualTo(expectedKeyId);
      assertThat(verdict.get("trusted").asBoolean()).as("same key after the restart").isTrue();
    }
  }

  @Test
  void aSigningKeyFromTheEnvironmentWinsOverTheKeyFile(@TempDir Path dir) throws Exception {
    KeyPair fileKey = ReceiptKeys.loadOrCreate(dir);
    KeyPair envKey = ReceiptKeys.generate();
    Map<String, String> env = new HashMap<>(Map.of("ARAGORA_DATA_DIR", dir.toString()));
    env.put(ReceiptKeys.ENV_KEY, ReceiptKeys.encodePrivate(envKey.getPrivate()));
    try (App withEnv = start(env)) {
      ApiClient client = new ApiClient(withEnv.port());
      String issued = client.raw("/api/v2/debates/" + finishDebate(client, "Env key?") + "/receipt").body();
      Receipt.Signature signature = ReceiptJson.read(issued).signature();
      assertThat(signature.keyId()).isEqualTo(new ReceiptSigner(envKey).keyId())
          .isNotEqualTo(new ReceiptSigner(fileKey).keyId());
    }
  }

  private static App start(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("ARAGORA_SIMILARITY_BACKEND", "tfidf");
    return TestAuth.start(all);
  }

  private static String finishDebate(ApiClient client, String question) {
    String id = client.post("/api/v2/debates", "{\"task\":\"" + question + "\",\"agents\":" + TEAM + ",\"rounds\":1}")
        .body().get("id").asText();
    client.await("/api/v2/debates/" + id, d -> !d.get("finished_at").isNull(), WAIT);
    return id;
  }

  private static JsonNode verify(String body) throws Exception {
    ApiClient.Reply reply = api.post("/api/v2/receipts/verify", body);
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }
}
