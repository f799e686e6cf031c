package dev.aragora.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiptMarkdownTest {
  @Test
  void showsTheDecisionParticipantsVotesCostsAndIntegrity() {
    ReceiptSigner signer = new ReceiptSigner(ReceiptKeys.generate());
    Receipt receipt = signer.sign(Receipts.from(ReceiptTestData.result(), Instant.parse("2025-06-01T12:00:00Z")));

    String md = ReceiptMarkdown.render(receipt);

    assertThat(md).startsWith("# Decision receipt rcpt-deb-42\n")
        .contains("> Should we adopt event sourcing?")
        .contains("| Winner | " + ReceiptTestData.B + " |")
        .contains("| " + ReceiptTestData.A + " | anthropic | claude-sonnet-4-5 |")
        .contains("| " + ReceiptTestData.A + " | " + ReceiptTestData.B + " | 0.73 | B weighs \"cost\" better |")
        .contains("| **Total** | | | | 0.004500 |")
        .contains("SHA-256: `" + receipt.sha256() + "`")
        .contains("key id `" + signer.keyId() + "`");
  }
}
