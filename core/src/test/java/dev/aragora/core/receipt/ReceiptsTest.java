package dev.aragora.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.testing.SampleResults;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiptsTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void recordsQuestionParticipantsProposalsCritiquesVotesResultAndCosts() {
    DebateResult result = ReceiptTestData.result();

    Receipt receipt = Receipts.from(result, NOW);

    assertThat(receipt.schemaVersion()).isEqualTo(Receipt.SCHEMA_VERSION);
    assertThat(receipt.receiptId()).isEqualTo("rcpt-deb-42");
    assertThat(receipt.issuedAt()).isEqualTo("2025-06-01T12:00:00Z");
    assertThat(receipt.question()).isEqualTo(result.task());
    assertThat(receipt.participants()).containsExactly(
        new Receipt.Participant(ReceiptTestData.A, "anthropic", "claude-sonnet-4-5"),
        new Receipt.Participant(ReceiptTestData.B, "openai", "gpt-4o"),
        new Receipt.Participant(ReceiptTestData.C, "demo", "skeptic"));
    assertThat(receipt.proposals()).isEqualTo(result.proposals());
    assertThat(receipt.finalPositions()).isEqualTo(result.finalPositions());
    assertThat(receipt.critiques()).isEqualTo(result.critiques());
    assertThat(receipt.votes()).isEqualTo(result.votes());
    assertThat(receipt.result().winner()).isEqualTo(ReceiptTestData.B);
    assertThat(receipt.result().status()).isEqualTo("consensus_reached");
    assertThat(receipt.result().mode()).isEqualTo("majority");
    assertThat(receipt.result().dissent()).isEqualTo(result.dissentingViews());
    assertThat(receipt.costs().perAgent()).isEqualTo(result.usage());
    assertThat(receipt.costs().totalUsd()).isEqualTo(result.totalCostUsd());
    assertThat(receipt.sha256()).isNull();
    assertThat(receipt.signature()).isNull();
  }

  @Test
  void aSuspendedDebateHasNoReceipt() {
    DebateResult suspended = SampleResults.withStatus(ReceiptTestData.result(), DebateStatus.SUSPENDED);

    assertThatThrownBy(() -> Receipts.from(suspended, NOW)).isInstanceOf(IllegalArgumentException.class);
  }
}
