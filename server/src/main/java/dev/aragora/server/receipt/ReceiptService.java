package dev.aragora.server.receipt;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.receipt.Receipt;
import dev.aragora.core.receipt.ReceiptJson;
import dev.aragora.core.receipt.ReceiptSigner;
import dev.aragora.core.receipt.ReceiptVerifier;
import dev.aragora.core.receipt.Receipts;
import dev.aragora.core.receipt.Verification;
import dev.aragora.server.store.ReceiptRepository;
import dev.aragora.server.store.StoredDebate;
import dev.aragora.server.store.StoredReceipt;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues, finds and verifies decision receipts with this server's signing key.
 *
 * <p>A debate's receipt is issued when its result is stored ({@link #issue}, a
 * {@code DebateRunner.onFinished} listener), and written once: a debate resumed or replayed keeps
 * its first receipt. A finished debate whose receipt is missing (issued before it was
 * stored, a failure while issuing, or a debate that ended before receipts existed) gets one from
 * its stored result when it is first asked for ({@link #receiptOf}). A debate that ended without
 * a result (cancelled while queued, failed before it ran) has nothing to sign and no receipt.
 */
public final class ReceiptService {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiptService.class);

  private final ReceiptRepository receipts;
  private final ReceiptSigner signer;
  private final ObjectMapper mapper;
  private final InstantSource clock;

  /** @param mapper reads stored results, as the debate store wrote them */
  public ReceiptService(ReceiptRepository receipts, ReceiptSigner signer, ObjectMapper mapper, InstantSource clock) {
    this.receipts = requireNonNull(receipts, "receipts is null");
    this.signer = requireNonNull(signer, "signer is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The id of this server's signing key (safe to show; the key itself never is). */
  public String keyId() {
    return signer.keyId();
  }

  /**
   * Signs and stores the receipt of a finished debate, unless it has one already. A failure is
   * logged and swallowed: a receipt is never a reason for the debate to fail.
   */
  public void issue(String debateId, DebateResult result) {
    try {
      store(debateId, result);
    } catch (RuntimeException e) {
      LOG.warn("debate {}: cannot issue its receipt; it is issued when first asked for", debateId, e);
    }
  }

  /**
   * The receipt of {@code debate}: the stored one, or, for a finished debate with a result but no
   * receipt yet, one issued now. Empty when the debate has not finished or ended without a result.
   */
  public Optional<StoredReceipt> receiptOf(StoredDebate debate) {
    requireNonNull(debate, "debate is null");
    Optional<StoredReceipt> stored = receipts.find(debate.id());
    if (stored.isPresent() || !debate.isFinished() || debate.result().isEmpty()) return stored;
    DebateResult result;
    try {
      result = mapper.readValue(debate.resultJson(), DebateResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("debate " + debate.id() + ": the stored result is unreadable", e);
    }
    return Optional.of(store(debate.id(), result));
  }

  /** The stored receipt if there is one (for exports: never issues). */
  public Optional<StoredReceipt> find(String debateId) {
    return receipts.find(debateId);
  }

  /** Verifies a receipt offline; {@link Checked#trusted} says whether this server's key signed it. */
  public Checked verify(byte[] json) {
    Verification verification = ReceiptVerifier.verify(json, Set.of());
    return new Checked(verification, verification.valid() && verification.keyId().equals(signer.keyId()));
  }

  /** A verification, and whether the receipt was signed by this server's key. */
  public record Checked(Verification verification, boolean trusted) {
    public Checked {
      requireNonNull(verification, "verification is null");
    }
  }

  private StoredReceipt store(String debateId, DebateResult result) {
    Instant now = clock.instant();
    Receipt receipt = signer.sign(Receipts.from(result, now));
    StoredReceipt row = new StoredReceipt(debateId, receipt.receiptId(), receipt.signature().keyId(), receipt.sha256(),
        ReceiptJson.write(receipt), Instant.ofEpochMilli(now.toEpochMilli()));
    if (receipts.saveOnce(row)) {
      LOG.debug("debate {}: receipt {} issued", debateId, receipt.receiptId());
      return row;
    }
    return receipts.find(debateId).orElseThrow(() -> new IllegalStateException("receipt of " + debateId + " vanished"));
  }
}
