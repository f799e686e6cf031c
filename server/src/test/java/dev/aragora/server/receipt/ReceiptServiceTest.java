package dev.aragora.server.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.debate.AgentUsage;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.Vote;
import dev.aragora.core.receipt.ReceiptJson;
import dev.aragora.core.receipt.ReceiptKeys;
import dev.aragora.core.receipt.ReceiptSigner;
import dev.aragora.server.store.Database;
import dev.aragora.server.store.DatabaseSettings;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.store.ReceiptRepository;
import dev.aragora.server.store.StoredReceipt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String A = "demo:skeptic";
  private static final String B = "demo:optimist";

  @TempDir
  Path dir;
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final ReceiptSigner signer = new ReceiptSigner(ReceiptKeys.generate());
  private Database database;
  private DebateRepository debates;
  private ReceiptRepository receipts;
  private ReceiptService service;

  @BeforeEach
  void open() {
    database = Database.open(DatabaseSettings.sqlite(dir));
    debates = new DebateRepository(database, JSON, clock);
    receipts = new ReceiptRepository(database);
    service = new ReceiptService(receipts, signer, JSON, clock);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aFinishedDebateIsIssuedOneSignedReceiptAndKeepsTheFirst() {
    finish("d-1");

    service.issue("d-1", result("d-1"));
    StoredReceipt first = receipts.find("d-1").orElseThrow();
    now.updateAndGet(t -> t.plus(Duration.ofHours(1)));
    service.issue("d-1", result("d-1"));

    assertThat(receipts.find("d-1")).contains(first);
    assertThat(first.keyId()).isEqualTo(signer.keyId());
    assertThat(first.issuedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(ReceiptJson.read(first.canonicalJson()).sha256()).isEqualTo(first.sha256());
    assertThat(service.verify(first.canonicalJson().getBytes(StandardCharsets.UTF_8)).trusted()).isTrue();
  }

  @Test
  void aFailureToIssueIsLoggedNotThrown() {
    service.issue("not-stored", result("not-stored")); // no debate row: the insert fails

    assertThat(receipts.find("not-stored")).isEmpty();
  }

  @Test
  void aFinishedDebateWithoutAReceiptGetsOneFromItsStoredResultWhenAskedFor() {
    finish("d-1");

    StoredReceipt issued = service.receiptOf(debates.find("d-1").orElseThrow()).orElseThrow();

    assertThat(receipts.find("d-1")).contains(issued);
    assertThat(ReceiptJson.read(issued.canonicalJson()).question()).isEqualTo("Which database?");
    assertThat(service.receiptOf(debates.find("d-1").orElseThrow())).contains(issued);
  }

  @Test
  void aDebateThatHasNotEndedOrEndedWithoutAResultHasNoReceipt() {
    debates.create("default", "queued", request(), Map.of());
    debates.create("default", "cancelled", request(), Map.of());
    debates.updateStatus("cancelled", Set.of(DebateRepository.QUEUED), DebateRepository.CANCELLED, "cancelled");

    assertThat(service.receiptOf(debates.find("queued").orElseThrow())).isEmpty();
    assertThat(service.receiptOf(debates.find("cancelled").orElseThrow())).isEmpty();
  }

  private void finish(String id) {
    debates.create("default", id, request(), Map.of());
    debates.updateStatus(id, Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING);
    debates.saveResult(id, result(id));
  }

  private static DebateRequest request() {
    return DebateRequest.of("Which database?", List.of(AgentSpec.parse(A), AgentSpec.parse(B)));
  }

  private static DebateResult result(String id) {
    return new DebateResult(id, "Which database?", "Use SQLite.", 0.8, true, "strong",
        DebateStatus.CONSENSUS_REACHED, "majority", 1, A, List.of(A, B), Map.of(A, "Use SQLite.", B, "Use PG."),
        Map.of(A, "Use SQLite.", B, "Use PG."), List.of(new Vote(B, A, 0.8, "simple", false)), List.of(),
        List.of(), "converged", 0.9, Map.of(), 1.5, Map.of(A, new AgentUsage(2, 100, 50, 0.0012)), 0.0012, List.of(),
        false, "");
  }
}
