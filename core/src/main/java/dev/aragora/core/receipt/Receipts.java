package dev.aragora.core.receipt;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the (unsigned) receipt of a finished debate. */
public final class Receipts {
  private Receipts() {}

  /**
   * The receipt of {@code result}, without hash and signature ({@link ReceiptSigner#sign} adds them).
   * Its id is {@code rcpt-<debate id>}: one debate has one receipt, however often it is issued.
   * Intermediate revisions are not included; the opening proposals, the final positions that
   * were voted on, every critique and vote, and the decision are.
   *
   * @throws IllegalArgumentException for a suspended debate, which has not ended
   */
  public static Receipt from(DebateResult result, Instant issuedAt) {
    requireNonNull(result, "result is null");
    requireNonNull(issuedAt, "issuedAt is null");
    if (result.status() == DebateStatus.SUSPENDED)
      throw new IllegalArgumentException("debate " + result.debateId() + " is suspended, not finished");
    List<Receipt.Participant> participants = new ArrayList<>();
    for (String name : result.participants()) {
      AgentIdentity identity = result.identityOf(name);
      participants.add(new Receipt.Participant(name, identity.provider(), identity.model()));
    }
    var outcome = new Receipt.Outcome(result.finalAnswer(), result.confidence(), result.consensusReached(),
        result.consensusStrength(), result.consensusMode(), result.winner(), result.status().wire(),
        result.roundsUsed(), result.dissentingViews(), result.error());
    return new Receipt(Receipt.SCHEMA_VERSION, "rcpt-" + result.debateId(), result.debateId(), issuedAt.toString(),
        result.task(), participants, result.proposals(), result.finalPositions(), result.critiques(), result.votes(),
        outcome, new Receipt.Costs(result.usage(), result.totalCostUsd()), result.demo(), null, null);
  }
}
