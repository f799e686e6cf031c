package dev.aragora.core.receipt;

import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.Vote;
import dev.aragora.core.testing.SampleResults;
import java.util.List;

/** A finished debate with texts that exercise escaping: quotes, newlines, non-ASCII. */
final class ReceiptTestData {
  static final String A = "anthropic/claude-sonnet-4-5";
  static final String B = "openai/gpt-4o";
  static final String C = "demo/skeptic";

  private ReceiptTestData() {}

  static DebateResult result() {
    return SampleResults.decided("deb-42", "majority", List.of(A, B, C), B, true, List.of(
        new Vote(A, B, 0.7333333333333333, "B weighs \"cost\"\nbetter", false),
        new Vote(B, B, 0.9, "mine — naturally", false),
        new Vote(C, A, 0.55, "café risk", false)));
  }
}
