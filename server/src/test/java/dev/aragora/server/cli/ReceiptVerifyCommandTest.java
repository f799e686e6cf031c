package dev.aragora.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.debate.AgentUsage;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.Vote;
import dev.aragora.core.receipt.ReceiptJson;
import dev.aragora.core.receipt.ReceiptKeys;
import dev.aragora.core.receipt.ReceiptSigner;
import dev.aragora.core.receipt.Receipts;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptVerifyCommandTest {
  private static final String A = "demo:skeptic";
  private static final String B = "demo:optimist";
  private static ReceiptSigner signer;
  private static String receipt;

  @TempDir
  Path dir;

  @BeforeAll
  static void sign() {
    signer = new ReceiptSigner(ReceiptKeys.generate());
    receipt = ReceiptJson.writePretty(signer.sign(Receipts.from(result(), Instant.parse("2026-01-01T00:00:00Z"))));
  }

  @Test
  void aValidReceiptPrintsItsKeyIdAndExitsZero() throws Exception {
    CliRun run = run("receipt", "verify", write("r.json", receipt));

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("valid: signed by Ed25519 key id " + signer.keyId() + "\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aChangedReceiptPrintsWhyAndExitsOne() throws Exception {
    CliRun run = run("receipt", "verify", write("r.json", receipt.replace("Use SQLite", "Use SQLitf")));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("invalid: sha256 does not match the record: it was changed after signing\n");
  }

  @Test
  void trustAcceptsOnlyTheGivenKeyIds() throws Exception {
    String file = write("r.json", receipt);

    assertThat(run("receipt", "verify", "--trust", "0123456789abcdef", "--trust", signer.keyId(), file).exit()).isZero();
    CliRun untrusted = run("receipt", "verify", "--trust", "0123456789abcdef", file);
    assertThat(untrusted.exit()).isEqualTo(1);
    assertThat(untrusted.out()).startsWith("invalid: signed by an untrusted key: " + signer.keyId());
  }

  @Test
  void anUnreadableFileExitsTwoWithOneLine() {
    CliRun missing = run("receipt", "verify", dir.resolve("nope.json").toString());
    CliRun directory = run("receipt", "verify", dir.toString());

    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("aragora: cannot read " + dir.resolve("nope.json") + ": no such file\n");
    assertThat(missing.out()).isEmpty();
    assertThat(directory.exit()).isEqualTo(2);
    assertThat(directory.err().lines()).hasSize(1);
  }

  @Test
  void aDashReadsTheReceiptFromStdin() {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(receipt.getBytes(StandardCharsets.UTF_8)));
      assertThat(run("receipt", "verify", "-").exit()).isZero();
      System.setIn(new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8)));
      CliRun garbage = run("receipt", "verify", "-");
      assertThat(garbage.exit()).isEqualTo(1);
      assertThat(garbage.out()).startsWith("invalid: not valid JSON");
    } finally {
      System.setIn(stdin);
    }
  }

  private static CliRun run(String... args) {
    return CliRun.of(Map.of(), args);
  }

  private String write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text).toString();
  }

  private static DebateResult result() {
    return new DebateResult("deb_cli", "Which database?", "Use SQLite.", 0.8, true, "strong",
        DebateStatus.CONSENSUS_REACHED, "majority", 1, A, List.of(A, B), Map.of(A, "Use SQLite.", B, "Use PG."),
        Map.of(A, "Use SQLite.", B, "Use PG."), List.of(new Vote(B, A, 0.8, "simple", false)), List.of(),
        List.of(), "converged", 0.9, Map.of(), 1.5, Map.of(A, new AgentUsage(2, 100, 50, 0.0012)), 0.0012, List.of(),
        false, "");
  }
}
