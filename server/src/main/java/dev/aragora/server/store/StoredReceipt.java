package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A debate's receipt row.
 *
 * @param canonicalJson the signed receipt in its canonical form, byte for byte as issued
 * @param keyId the id of the key that signed it
 * @param sha256 the receipt's hash (hex), as inside {@code canonicalJson}
 */
public record StoredReceipt(String debateId, String receiptId, String keyId, String sha256, String canonicalJson,
                            Instant issuedAt) {
  public StoredReceipt {
    requireNonNull(debateId, "debateId is null");
    requireNonNull(receiptId, "receiptId is null");
    requireNonNull(keyId, "keyId is null");
    requireNonNull(sha256, "sha256 is null");
    requireNonNull(canonicalJson, "canonicalJson is null");
    requireNonNull(issuedAt, "issuedAt is null");
  }
}
