package dev.aragora.core.receipt;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A receipt as JSON. {@link #write} gives the canonical form of the whole receipt (the export
 * format: one deterministic line); {@link #signedBytes} the canonical bytes that the hash and the
 * signature cover: the record without {@code sha256} and {@code signature}.
 */
public final class ReceiptJson {
  static final String SHA256 = "sha256";
  static final String SIGNATURE = "signature";

  /** Duplicate keys and trailing content are errors. */
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /** For verification: as {@link #MAPPER}, and decimals keep their digits so non-canonical numbers show. */
  private static final ObjectMapper VERIFYING = MAPPER.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private ReceiptJson() {}

  /** The canonical JSON of the whole receipt, hash and signature included. */
  public static String write(Receipt receipt) {
    return CanonicalJson.string(MAPPER.valueToTree(requireNonNull(receipt, "receipt is null")));
  }

  /** Indented JSON for people; it verifies like the canonical form. */
  public static String writePretty(Receipt receipt) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(receipt);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write receipt", e);
    }
  }

  /** Reads a receipt (any formatting). */
  public static Receipt read(String json) {
    try {
      return MAPPER.readValue(requireNonNull(json, "json is null"), Receipt.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a receipt: " + e.getOriginalMessage(), e);
    }
  }

  /** The canonical bytes the hash and signature cover. */
  public static byte[] signedBytes(Receipt receipt) {
    return signedBytes((ObjectNode) MAPPER.valueToTree(receipt));
  }

  static byte[] signedBytes(ObjectNode receipt) {
    ObjectNode body = receipt.deepCopy();
    body.remove(SHA256);
    body.remove(SIGNATURE);
    return CanonicalJson.bytes(body);
  }

  static JsonNode tree(String json) throws JsonProcessingException {
    return VERIFYING.readTree(json);
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }
}
