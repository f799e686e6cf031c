package dev.aragora.core.receipt;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Hashes and signs receipts with one Ed25519 key pair (JDK built-in). Thread-safe. */
public final class ReceiptSigner {
  private final KeyPair keys;
  private final String publicKey;
  private final String keyId;

  public ReceiptSigner(KeyPair keys) {
    this.keys = requireNonNull(keys, "keys is null");
    if (!"EdDSA".equals(keys.getPublic().getAlgorithm()) && !"Ed25519".equals(keys.getPublic().getAlgorithm()))
      throw new IllegalArgumentException("receipt keys must be Ed25519, not " + keys.getPublic().getAlgorithm());
    this.publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    this.keyId = keyId(keys.getPublic());
  }

  /** The first 16 hex digits of the SHA-256 of the key's X.509 encoding. */
  public static String keyId(PublicKey key) {
    return ReceiptJson.sha256Hex(key.getEncoded()).substring(0, 16);
  }

  public String keyId() {
    return keyId;
  }

  /** The public key, X.509 DER in base64, as embedded in every signature. */
  public String publicKey() {
    return publicKey;
  }

  /** {@code receipt} with its SHA-256 and signature over the canonical form of everything else. */
  public Receipt sign(Receipt receipt) {
    requireNonNull(receipt, "receipt is null");
    byte[] body = ReceiptJson.signedBytes(receipt.unsigned());
    try {
      Signature ed25519 = Signature.getInstance("Ed25519");
      ed25519.initSign(keys.getPrivate());
      ed25519.update(body);
      String value = Base64.getEncoder().encodeToString(ed25519.sign());
      return receipt.signed(ReceiptJson.sha256Hex(body),
          new Receipt.Signature(Receipt.Signature.ED25519, keyId, publicKey, value));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign receipt " + receipt.receiptId(), e);
    }
  }

  @Override
  public String toString() {
    return "ReceiptSigner[Ed25519, key_id=" + keyId + "]";
  }
}
