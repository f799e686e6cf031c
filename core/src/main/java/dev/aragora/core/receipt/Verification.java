package dev.aragora.core.receipt;

import static java.util.Objects.requireNonNull;

/**
 * The answer of {@link ReceiptVerifier}: {@code {valid, reason}} on the wire.
 *
 * @param reason "ok" when valid, else what failed first
 * @param keyId the signing key's id when the receipt could be read that far, else ""
 */
public record Verification(boolean valid, String reason, String keyId) {
  public Verification {
    requireNonNull(reason, "reason is null");
    keyId = keyId == null ? "" : keyId;
  }

  static Verification ok(String keyId) {
    return new Verification(true, "ok", keyId);
  }

  static Verification invalid(String reason, String keyId) {
    return new Verification(false, reason, keyId);
  }
}
