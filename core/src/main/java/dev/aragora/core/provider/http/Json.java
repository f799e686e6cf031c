package dev.aragora.core.provider.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.core.provider.ProviderException;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;

/** Lenient reading of vendor JSON: unknown fields are ignored because codecs only walk the tree. */
public final class Json {
  /** Bodies larger than this are not a chat reply; reading stops instead of filling the heap. */
  public static final int MAX_BODY_BYTES = 16 << 20;

  /*
   * Jackson's default buffer recycling is per thread; every call runs on a fresh virtual thread, so
   * each parse would allocate new buffers. A shared concurrent pool reuses them across threads.
   */
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
      .build());

  private Json() {}

  /** The shared mapper (thread-safe); use it rather than a new ObjectMapper on hot paths. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Parses {@code text}; anything that is not a JSON document is a malformed reply. */
  public static JsonNode parse(String provider, String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) throw new ProviderException(
          ProviderException.Kind.MALFORMED_RESPONSE, provider, 0, "empty JSON body");
      return node;
    } catch (JsonProcessingException e) {
      throw new ProviderException(ProviderException.Kind.MALFORMED_RESPONSE, provider, 0,
          "invalid JSON: " + HttpErrors.truncate(e.getOriginalMessage()), null, null);
    }
  }

  /** Parses {@code text}, or returns null when it is blank or not JSON. */
  static JsonNode tryParse(String text) {
    if (text.isBlank()) return null;
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException notJson) {
      return null;
    }
  }

  /** Reads at most {@code cap} bytes; more is a malformed reply. */
  public static byte[] readCapped(InputStream in, int cap, String provider) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk)) >= 0) {
      if (out.size() + n > cap) throw new ProviderException(ProviderException.Kind.MALFORMED_RESPONSE, provider, 0,
          "response body larger than " + cap + " bytes");
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }

  /** The text at {@code field}, or empty when absent, null or not textual. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : "";
  }

  /** The number at {@code field}, or {@code fallback} when absent or not a number. */
  public static long number(JsonNode node, String field, long fallback) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isNumber() ? value.asLong() : fallback;
  }
}
