package dev.aragora.core.receipt;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * Verifies a receipt offline, from its JSON alone: the SHA-256 of the canonical form (everything
 * but {@code sha256} and {@code signature}) must equal {@code sha256}, and the Ed25519 signature
 * over those bytes must check with the embedded public key, whose id must match {@code key_id}.
 *
 * <p>That proves the record is unchanged since the holder of that key signed it. To know the
 * signer is <em>our</em> server, pass the trusted key ids: {@link #verify(String, Set)}.
 * Any JSON formatting of a receipt verifies; numbers must be spelt as their shortest round-trip
 * form, and base64 fields in their one canonical spelling, so no changed byte can leave the
 * signed content the same.
 */
public final class ReceiptVerifier {
  private ReceiptVerifier() {}

  /** Checks integrity and the signature against the key embedded in the receipt. */
  public static Verification verify(String json) {
    return verify(json, Set.of());
  }

  /**
   * As {@link #verify(String)}, and when {@code trustedKeyIds} is not empty the signing key must
   * be one of them.
   */
  public static Verification verify(String json, Set<String> trustedKeyIds) {
    requireNonNull(json, "json is null");
    requireNonNull(trustedKeyIds, "trustedKeyIds is null");
    JsonNode tree;
    try {
      tree = ReceiptJson.tree(json);
    } catch (JsonProcessingException e) {
      return Verification.invalid("not valid JSON: " + problem(e), "");
    } catch (NumberFormatException e) {
      // Jackson's BigDecimal parsing (decimals keep their digits here) refuses exponents past its limits.
      return Verification.invalid("not valid JSON: a number is out of range", "");
    }
    if (!(tree instanceof ObjectNode receipt)) return Verification.invalid("a receipt must be a JSON object", "");
    JsonNode signature = receipt.get(ReceiptJson.SIGNATURE);
    if (signature == null || !signature.isObject()) return Verification.invalid("signature is missing", "");
    String algorithm = text(signature, "algorithm");
    String keyId = text(signature, "key_id");
    String publicKeyText = text(signature, "public_key");
    String value = text(signature, "value");
    if (algorithm == null || keyId == null || publicKeyText == null || value == null || signature.size() != 4)
      return Verification.invalid("signature must have exactly algorithm, key_id, public_key and value", "");
    if (!Receipt.Signature.ED25519.equals(algorithm))
      return Verification.invalid("unsupported signature algorithm: " + algorithm, keyId);
    String sha256 = text(receipt, ReceiptJson.SHA256);
    if (sha256 == null) return Verification.invalid("sha256 is missing", keyId);

    byte[] body;
    try {
      body = ReceiptJson.signedBytes(receipt);
    } catch (IllegalArgumentException e) {
      return Verification.invalid(e.getMessage(), keyId);
    }
    if (!ReceiptJson.sha256Hex(body).equals(sha256))
      return Verification.invalid("sha256 does not match the record: it was changed after signing", keyId);

    byte[] keyBytes = canonicalBase64(publicKeyText);
    byte[] signatureBytes = canonicalBase64(value);
    if (keyBytes == null) return Verification.invalid("public_key is not canonical base64", keyId);
    if (signatureBytes == null) return Verification.invalid("signature value is not canonical base64", keyId);
    PublicKey publicKey;
    try {
      publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(keyBytes));
    } catch (GeneralSecurityException e) {
      return Verification.invalid("public_key is not an Ed25519 key", keyId);
    }
    if (!ReceiptSigner.keyId(publicKey).equals(keyId)) return Verification.invalid("key_id does not match public_key", keyId);
    if (!trustedKeyIds.isEmpty() && !trustedKeyIds.contains(keyId))
      return Verification.invalid("signed by an untrusted key: " + keyId, keyId);
    try {
      Signature ed25519 = Signature.getInstance("Ed25519");
      ed25519.initVerify(publicKey);
      ed25519.update(body);
      if (!ed25519.verify(signatureBytes)) return Verification.invalid("signature does not verify", keyId);
    } catch (GeneralSecurityException e) {
      return Verification.invalid("signature does not verify: " + e.getMessage(), keyId);
    }
    return Verification.ok(keyId);
  }

  /**
   * As {@link #verify(String, Set)}, for a receipt as bytes (a file, a request body): they must be
   * strict UTF-8, since a lenient decoder could map a changed byte back to the signed text.
   */
  public static Verification verify(byte[] utf8, Set<String> trustedKeyIds) {
    requireNonNull(utf8, "utf8 is null");
    String json;
    try {
      json = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8))
          .toString();
    } catch (CharacterCodingException e) {
      return Verification.invalid("not UTF-8 text", "");
    }
    return verify(json, trustedKeyIds);
  }

  /**
   * Jackson's description of what is wrong with the text, without the Java types and settings it
   * names for programmers ("(bound as `com.fasterxml…JsonNode`): not allowed as per
   * `DeserializationFeature…`"), which a client has no use for.
   */
  private static String problem(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    int internal = message.indexOf(" (bound as ");
    return internal < 0 ? message : message.substring(0, internal);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  /** The decoded bytes, or null unless {@code text} is exactly how standard base64 spells them. */
  private static byte[] canonicalBase64(String text) {
    try {
      byte[] bytes = Base64.getDecoder().decode(text);
      return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
